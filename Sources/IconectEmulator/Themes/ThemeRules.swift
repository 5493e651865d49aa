/// What a theme definition must hold: a name, a type, `colors` with the required keys, every colour a CSS colour, and
/// the other groups objects. Problems are named by key (`colors.primary`).
enum ThemeRules {
    static let groups = ["colors", "typography", "spacing", "borderRadius", "shadows"]
    static let definitionKeys = ["name", "description", "type"] + groups
    static let types = ["light", "dark", "custom"]
    static let requiredColors = ["primary", "background", "text"]
    private static let namedColors: Set<String> = [
        "transparent", "currentcolor", "black", "white", "gray", "grey", "silver", "red", "maroon", "orange", "yellow", "olive",
        "lime", "green", "teal", "aqua", "cyan", "blue", "navy", "purple", "fuchsia", "magenta", "pink", "brown",
    ]

    /// The problems of a definition, by key; empty when it is valid. `creating` requires name, type and colors.
    static func problems(_ theme: [String: JSON], creating: Bool = true) -> [(key: String, message: String)] {
        var problems: [(String, String)] = []
        if creating {
            for key in ["name", "type", "colors"] where theme[key] == nil || theme[key] == .null {
                problems.append((key, "\(key) is required"))
            }
        }
        if let name = theme["name"], name != .null, (name.stringValue ?? "").isEmpty { problems.append(("name", "name must be a non-empty string")) }
        if let type = theme["type"], type != .null, !types.contains(type.stringValue ?? "") {
            problems.append(("type", "type must be one of: \(types.joined(separator: ", "))"))
        }
        for group in groups {
            guard let value = theme[group], value != .null else { continue }
            guard value.objectValue != nil else { problems.append((group, "\(group) must be an object")); continue }
        }
        if let colors = theme["colors"]?.objectValue {
            for key in requiredColors where colors[key] == nil {
                problems.append(("colors." + key, "colors.\(key) is required"))
            }
            for key in colors.keys.sorted() {
                guard let value = colors[key] else { continue }
                if !isColor(value) {
                    problems.append(("colors." + key, "colors.\(key) must be a CSS colour (#rrggbb, rgb(), hsl() or a name), got \(value.compactText)"))
                }
            }
        }
        return problems
    }

    /// Whether a value is a CSS colour: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb[a](…)`, `hsl[a](…)` or a basic name.
    static func isColor(_ value: JSON) -> Bool {
        guard let text = value.stringValue?.lowercased().trimming(" ") else { return false }
        if text.hasPrefix("#") {
            let digits = text.dropFirst()
            return [3, 4, 6, 8].contains(digits.count) && digits.allSatisfy(\.isHexDigit)
        }
        for function in ["rgba(", "rgb(", "hsla(", "hsl("] where text.hasPrefix(function) && text.hasSuffix(")") {
            let arguments = text.dropFirst(function.count).dropLast()
                .split(whereSeparator: { $0 == "," || $0 == " " || $0 == "/" })
            return (3...4).contains(arguments.count) && arguments.allSatisfy { argument in
                let number = argument.hasSuffix("%") ? argument.dropLast() : (argument.hasSuffix("deg") ? argument.dropLast(3) : argument)
                return Double(number) != nil
            }
        }
        return namedColors.contains(text)
    }

    /// A 400 naming every offending key, when there is one.
    static func check(_ theme: [String: JSON], creating: Bool = true, prefix: String = "") throws(APIError) {
        var errors = ValidationErrors()
        for (key, message) in problems(theme, creating: creating) { errors.add(prefix + key, message) }
        try errors.throwIfAny()
    }
}
