/// The `instructions` of `initialize`: a short guide for agents, made from this server's configuration (what is served,
/// where files may go, the caps), kept to a few hundred tokens.
enum ServerInstructions {
    static func text(settings: MCPSettings, selection: ToolSelection, directories: [AllowedDirectory]) -> String {
        typealias Key = MCPSettings.EnvironmentKey
        var lines = [
            "Tools for the iCONECT eDiscovery API. Connection details come from the server's ICONECT_* environment"
                + (selection.tools["iconect_configure"] == nil ? "." : " (or iconect_configure)."),
            "Paging: list and search tools answer {data, total, page, pageSize, hasMore}; pass page (from 1) to read on "
                + "while hasMore is true, with a modest pageSize.",
            "Filtering: filter and filters take field conditions with operators, e.g. "
                + "{\"docDate\": {\"$gte\": \"2024-01-01\"}, \"custodian\": {\"$in\": [\"A\", \"B\"]}}; operators $eq $ne $gt $gte "
                + "$lt $lte $in $nin $regex $exists. iconect_search_records takes fields: [...] to return only those fields.",
            "Results over \(settings.maxResultBytes) bytes are refused as tooLarge (never cut): ask again with fewer "
                + "fields, a smaller pageSize, a narrower filter or a byte range.",
        ]
        let inline = "inline base64 up to \(settings.inlineDownloadLimit) bytes (fileContent to upload, no outputPath to download)"
        if directories.isEmpty {
            lines.append("Files: paths on this machine are not allowed unless the client shares roots; bytes travel as \(inline).")
        } else {
            lines.append("Files: filePath (upload) and outputPath (download) must name regular files inside "
                         + directories.map(\.path).joined(separator: ", ")
                         + " (client roots, when shared, replace this list); a download never replaces an existing file "
                         + "unless overwrite is true. Otherwise bytes travel as \(inline).")
        }
        if selection.readOnly {
            lines.append("This server is read-only (\(Key.readOnly)=1): only tools that read are available.")
        } else {
            lines.append("Tools annotated read-only only read; destructive ones delete or replace data.")
        }
        if let toolsets = selection.toolsets {
            lines.append("Served toolsets: \(toolsets.joined(separator: ", ")).")
        }
        lines.append("Uploads, downloads and bulk updates report progress when the request has a progressToken, and stop "
                     + "when cancelled. Failures are isError results with code, status and message; invalidArgument names "
                     + "the argument to fix.")
        return lines.joined(separator: "\n")
    }
}
