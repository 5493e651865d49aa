import MCP

/// Keeps results within a context window: a result whose JSON text is longer than the cap is not cut (a truncated JSON
/// would be read as the whole answer) but replaced by an `isError` `tooLarge` result that says, from the tool's own
/// parameters, how to ask for less.
struct ResultLimit: Sendable {
    /// The largest result text, in bytes.
    let bytes: Int

    /// The result of `output`, or the `tooLarge` error when it is over the cap.
    func result(_ output: ToolOutput, schema: ToolSchema, arguments: ToolArguments) -> CallTool.Result {
        let text = output.text
        let size = text.utf8.count
        guard size > bytes else { return ToolResult.success(output, text: text) }
        var members: [String: Value] = ["code": "tooLarge", "size": .int(size), "limit": .int(bytes), "operation": .string(schema.name)]
        var ways: [String] = []
        let has = { (name: String) in schema.parameter(name) != nil }
        if has("pageSize") {
            let current = (try? arguments.int("pageSize")) ?? output.value.objectValue?["pageSize"]?.intValue
                ?? output.value.objectValue?["data"]?.arrayValue?.count
            if let current, current > 1 {
                let suggested = max(1, Int(Double(current) * Double(bytes) / Double(size) * 0.8))
                members["suggestedPageSize"] = .int(suggested)
                ways.append("a smaller pageSize (\(suggested) would fit), reading on with page")
            } else {
                ways.append("a smaller pageSize, reading on with page")
            }
        }
        if has("fields") { ways.append("fields: [...] to return only the fields you need") }
        for name in ["filter", "filters"] where has(name) { ways.append("a narrower \(name)") }
        for name in ["dataLimit", "limit", "maxDepth", "depth"] where has(name) { ways.append("a smaller \(name)") }
        let includes = schema.parameters.map(\.name).filter { $0.hasPrefix("include") }
        if !includes.isEmpty { ways.append(includes.joined(separator: ", ") + " set to false") }
        if has("range") { ways.append("a byte range (range: {\"start\": 0, \"end\": \(max(0, bytes / 2 - 1))})") }
        if has("outputPath") { ways.append("outputPath, to write the bytes to a file instead") }
        if ways.isEmpty { ways.append("a call that asks for less") }
        members["message"] = .string("the result of \(schema.name) is \(size) bytes of JSON, over the \(bytes)-byte limit "
                                     + "(\(MCPSettings.EnvironmentKey.maxResultBytes)); nothing was returned rather than a cut "
                                     + "answer. Ask again with " + ways.joined(separator: "; or "))
        return ToolResult.failure(members)
    }
}
