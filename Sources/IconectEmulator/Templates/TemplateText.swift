import Foundation

/// The `{{name}}` placeholders of a template's content, and their substitution.
///
/// A name is letters, digits, `_`, `-` and `.`, with optional spaces inside the braces (`{{ custodian.name }}`); a dotted
/// name is looked up as given first, then as a path into nested values.
enum TemplateText {
    /// The placeholder names in every string of `content`, in order of first appearance, with how often each appears.
    static func variables(in content: JSON) -> [(name: String, occurrences: Int)] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        func visit(_ value: JSON) {
            switch value {
            case .string(let text):
                for name in names(in: text) {
                    if counts[name] == nil { order.append(name) }
                    counts[name, default: 0] += 1
                }
            case .array(let values): values.forEach(visit)
            case .object(let members): members.keys.sorted().forEach { if let member = members[$0] { visit(member) } }
            default: break
            }
        }
        visit(content)
        return order.map { ($0, counts[$0] ?? 0) }
    }

    /// The placeholder names of one text.
    static func names(in text: String) -> [String] {
        var names: [String] = []
        _ = substitute(text) { name in
            names.append(name)
            return nil
        }
        return names
    }

    /// The text with each placeholder replaced by `value(name)` (left as it is when nil).
    static func substitute(_ text: String, _ value: (String) -> String?) -> String {
        var result = ""
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if isName(name), let replacement = value(name) {
                result += replacement
            } else {
                result += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    private static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
    }

    /// The value of `name` among `values`: the key as given, else a dotted path into nested objects.
    static func lookup(_ name: String, in values: [String: JSON]) -> JSON? {
        if let value = values[name] { return value }
        var current: JSON? = .object(values)
        for part in name.split(separator: ".") { current = current?[String(part)] }
        return current
    }

    /// How a value reads in text: strings as they are, numbers and Booleans as JSON, null as nothing.
    static func text(of value: JSON) -> String {
        switch value {
        case .string(let text): return text
        case .null: return ""
        default: return value.compactText
        }
    }

    /// `text` safe inside HTML content and attribute values.
    static func escapeHTML(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
