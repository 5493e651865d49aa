import MCP

extension ToolSchema {
    /// The parameters that only serve writing a file on the server's machine.
    static let localWriteParameters: Set<String> = ["outputPath", "overwrite"]

    /// The schema as a read-only server serves it: itself when the tool only reads; without its local-write parameters
    /// when that leaves a tool that only reads (`iconect_download_file` inline); `nil` for a tool that changes something.
    public var readingOnly: ToolSchema? {
        if annotations.readOnlyHint == true { return self }
        guard writesLocalFiles else { return nil }
        let narrowed = ToolSchema(name, area: area, method: method, path: path,
                                  description + " This server is read-only: the bytes come back inline.",
                                  parameters.filter { !Self.localWriteParameters.contains($0.name) })
        return narrowed.annotations.readOnlyHint == true ? narrowed : nil
    }
}
