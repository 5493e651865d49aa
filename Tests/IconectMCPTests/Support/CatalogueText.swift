import Foundation

/// The operation catalogue read from its text, `scripts/catalogue.md` (a copy of the team's api/CATALOGUE.md), by a
/// parser of the tests' own: independent of scripts/catalogue.py, which writes both the generated schemas and
/// `catalogue.json`, so a mistake of that parser cannot hide in both sides of a comparison.
struct CatalogueText {
    struct Parameter {
        let name: String
        let required: Bool
        /// `string`, `number`, `boolean`, `object`, `any`, `enum`, or `array<...` (up to the first space).
        let type: String
        let enumValues: [String]?
        let minimum: Int?
        let maximum: Int?
    }

    struct Operation {
        let name: String
        let parameters: [Parameter]
        /// The HTTP method and the path relative to the API root, absent for the tools that call no route.
        let method: String?
        let path: String?
    }

    let operations: [Operation]

    static func load() throws -> CatalogueText {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/catalogue.md")
        return try CatalogueText(markdown: String(contentsOf: url, encoding: .utf8))
    }

    /// Reads every table row that names a tool: `` | `iconect_x` | parameters | HTTP call | ``.
    init(markdown: String) throws {
        var operations: [Operation] = []
        for line in markdown.split(separator: "\n") where line.hasPrefix("| `iconect_") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { throw CatalogueError("a tool row with fewer than three cells: \(line)") }
            let name = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let parameters = cells[2] == "(none)" ? [] : try Self.split(cells[2]).map(Self.parameter)
            // The HTTP cell opens with `` `METHOD /path` `` when the tool calls the API.
            var method: String?
            var path: String?
            let http = cells[3]
            if http.hasPrefix("`"), let end = http.dropFirst().firstIndex(of: "`") {
                let call = http[http.index(after: http.startIndex)..<end].split(separator: " ", maxSplits: 1)
                if call.count == 2, call[1].hasPrefix("/") { (method, path) = (String(call[0]), String(call[1])) }
            }
            operations.append(Operation(name: name, parameters: parameters, method: method, path: path))
        }
        self.operations = operations
    }

    /// Splits a parameter list at its top-level commas, not those inside a spec (`number (ms, default 30000)`).
    static func split(_ list: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in list {
            if "([<".contains(character) { depth += 1 }
            if ")]>".contains(character) { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }

    /// One `` **`name`**: spec `` (required) or `` `name`: spec ``.
    static func parameter(_ text: String) throws -> Parameter {
        let required = text.hasPrefix("**")
        let stripped = text.replacingOccurrences(of: "**", with: "")
        guard let colon = stripped.range(of: ": ") else { throw CatalogueError("no `name: type` in \(text)") }
        let name = stripped[..<colon.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "` "))
        let spec = String(stripped[colon.upperBound...])
        let type = String(spec.prefix { $0 != " " })
        var enumValues: [String]?
        if let open = spec.range(of: "enum("), let close = spec[open.upperBound...].firstIndex(of: ")") {
            enumValues = spec[open.upperBound..<close].split(separator: "/").map(String.init)
        } else if type == "enum" {
            enumValues = spec.dropFirst("enum ".count).split(separator: "/").map(String.init)
        }
        var minimum: Int?
        var maximum: Int?
        if let open = spec.firstIndex(of: "["), let close = spec.firstIndex(of: "]"), open < close {
            let bounds = spec[spec.index(after: open)..<close].components(separatedBy: "..")
            minimum = Int(bounds[0])
            maximum = bounds.count > 1 ? Int(bounds[1]) : nil
        }
        return Parameter(name: name, required: required, type: type, enumValues: enumValues, minimum: minimum, maximum: maximum)
    }

    struct CatalogueError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
