import Foundation

/// A theme as CSS custom properties (`--colors-primary: #0055aa;` inside `:root`) or SCSS variables
/// (`$colors-primary: #0055aa;`), and back.
///
/// Each member of a group becomes `<group>-<key>`; `theme-type` and `theme-description` carry the rest. A value is
/// written as CSS when that reads back as the same string, else as JSON (numbers, Booleans, objects, and strings such as
/// `"8"` that would read back as a number), so an export imports to the same theme.
enum ThemeStylesheet {
    enum Syntax {
        case css, scss

        var prefix: String { self == .css ? "--" : "$" }
    }

    static func export(_ theme: [String: JSON], as syntax: Syntax) -> String {
        var lines: [String] = []
        if let type = theme["type"] { lines.append(declaration("theme-type", type, syntax)) }
        if let description = theme["description"], description != .null {
            lines.append(declaration("theme-description", description, syntax))
        }
        for group in ThemeRules.groups {
            guard let members = theme[group]?.objectValue else { continue }
            for key in members.keys.sorted() {
                if let value = members[key] { lines.append(declaration(group + "-" + key, value, syntax)) }
            }
        }
        let title = "/* iCONECT theme \(encode(theme["name"] ?? .null)) */"
        switch syntax {
        case .css: return title + "\n:root {\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n}\n"
        case .scss: return title + "\n" + lines.joined(separator: "\n") + "\n"
        }
    }

    private static func declaration(_ name: String, _ value: JSON, _ syntax: Syntax) -> String {
        syntax.prefix + name + ": " + encode(value) + ";"
    }

    /// A value as written: a string as it is when it reads back the same, everything else as JSON.
    static func encode(_ value: JSON) -> String {
        if let text = value.stringValue, !text.isEmpty, !text.contains(where: { ";{}[]\"\n\r".contains($0) }),
           text.trimming(" ") == text, decode(text) == value {
            return text
        }
        return value.compactText
    }

    /// A written value: JSON when it parses as JSON, else the text itself.
    static func decode(_ text: String) -> JSON {
        (try? JSONParser.parse(Array(text.utf8))) ?? .string(text)
    }

    /// The definition a stylesheet describes (without a name: the import gives it).
    static func parse(_ text: String, as syntax: Syntax) -> [String: JSON] {
        var theme: [String: JSON] = [:]
        for (name, value) in declarations(in: text, syntax: syntax) {
            let decoded = decode(value)
            switch name {
            case "theme-type": theme["type"] = decoded
            case "theme-description": theme["description"] = decoded
            default:
                guard let group = ThemeRules.groups.first(where: { name.hasPrefix($0 + "-") }) else { continue }
                var members = theme[group]?.objectValue ?? [:]
                members[String(name.dropFirst(group.count + 1))] = decoded
                theme[group] = .object(members)
            }
        }
        return theme
    }

    /// The `name: value` declarations whose name starts with the syntax's prefix; values end at a `;` outside strings
    /// and brackets; comments are skipped.
    static func declarations(in text: String, syntax: Syntax) -> [(String, String)] {
        let characters = Array(text)
        let prefix = Array(syntax.prefix)
        var result: [(String, String)] = []
        var index = 0
        func at(_ literal: [Character]) -> Bool {
            index + literal.count <= characters.count && Array(characters[index..<index + literal.count]) == literal
        }
        while index < characters.count {
            if at(["/", "*"]) {
                index += 2
                while index < characters.count, !at(["*", "/"]) { index += 1 }
                index += 2
            } else if at(prefix) {
                index += prefix.count
                var name = ""
                while index < characters.count, characters[index] != ":", characters[index] != ";" {
                    name.append(characters[index])
                    index += 1
                }
                guard index < characters.count, characters[index] == ":" else { continue }
                index += 1
                var value = ""
                var depth = 0
                var inString = false
                while index < characters.count {
                    let character = characters[index]
                    if inString {
                        if character == "\\", index + 1 < characters.count {
                            value.append(character)
                            index += 1
                        } else if character == "\"" {
                            inString = false
                        }
                    } else if character == "\"" {
                        inString = true
                    } else if character == "{" || character == "[" || character == "(" {
                        depth += 1
                    } else if character == "}" || character == "]" || character == ")" {
                        if depth == 0 { break }
                        depth -= 1
                    } else if character == ";", depth == 0 {
                        break
                    }
                    value.append(characters[index])
                    index += 1
                }
                result.append((name.trimming(" "), value.trimmingCharacters(in: .whitespacesAndNewlines)))
            } else {
                index += 1
            }
        }
        return result
    }
}
