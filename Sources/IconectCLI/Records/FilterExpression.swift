import Foundation
import Iconect

/// One `--filter` of `iconect search`, parsed into a field and one of the SDK's operator conditions:
///
/// | written | condition |
/// |---|---|
/// | `docDate>=2024-01-01` (`>`, `<`, `<=` alike) | `.gte("2024-01-01")` |
/// | `status=active`, `status==active` | `.eq("active")` |
/// | `status!=deleted` | `.ne("deleted")` |
/// | `custodian in Alvarez,Chen` | `.in(["Alvarez", "Chen"])` |
/// | `custodian not in Alvarez,Chen` | `.nin([...])` |
/// | `title~^Re:` | `.regex("^Re:")` |
/// | `assignedTo exists`, `assignedTo not exists` | `.exists(true)`, `.exists(false)` |
///
/// Values are taken as written (a pair of surrounding quotes is removed; quote a value that starts with an operator
/// character); the server compares them as numbers or dates where the field holds those.
struct FilterExpression: Sendable, Hashable {
    let field: String
    let condition: Filter.Condition

    /// The symbolic operators, longest first so that `>=` is not read as `>`.
    private static let symbols = [">=", "<=", "!=", "==", "=", ">", "<"]

    private static func condition(_ symbol: String, _ value: JSONValue) -> Filter.Condition {
        switch symbol {
        case ">=": return .gte(value)
        case "<=": return .lte(value)
        case "!=": return .ne(value)
        case ">": return .gt(value)
        case "<": return .lt(value)
        default: return .eq(value)
        }
    }

    /// Parses `text`.
    /// - Throws: ``IconectError/Code/validation`` naming `--filter` and saying what is wrong and what is accepted.
    init(_ text: String) throws {
        let expression = text.trimmingCharacters(in: .whitespaces)
        if let (field, rest) = Self.splitWord(expression) {
            switch rest.lowercased() {
            case "exists": self.init(field: field, condition: .exists(true)); return
            case "not exists", "!exists": self.init(field: field, condition: .exists(false)); return
            default: break
            }
            for (word, make) in [("not in ", Filter.Condition.nin), ("in ", Filter.Condition.in)] where rest.lowercased().hasPrefix(word) {
                let values = Self.list(String(rest.dropFirst(word.count)))
                guard !values.isEmpty else { throw Self.error(text, "\(word.trimmingCharacters(in: .whitespaces)) needs a comma-separated list") }
                self.init(field: field, condition: make(values.map(JSONValue.string)))
                return
            }
        }
        let fieldEnd = expression.firstIndex { !Self.isFieldCharacter($0) } ?? expression.endIndex
        let field = String(expression[..<fieldEnd])
        let rest = expression[fieldEnd...].drop { $0 == " " }
        guard !field.isEmpty else { throw Self.error(text, "it must start with a field name") }
        if rest.hasPrefix("~") {
            let pattern = Self.unquoted(String(rest.dropFirst()))
            guard !pattern.isEmpty else { throw Self.error(text, "~ needs a pattern") }
            self.init(field: field, condition: .regex(pattern))
            return
        }
        for symbol in Self.symbols where rest.hasPrefix(symbol) {
            let value = String(rest.dropFirst(symbol.count))
            // `=>` or `=<` is a mistyped operator far more often than a value starting with `>`; quote such a value.
            if let first = value.first, "<>=!~".contains(first) {
                throw Self.error(text, "\"\(symbol)\(first)\" is not an operator (quote a value that starts with \(first))")
            }
            self.init(field: field, condition: Self.condition(symbol, .string(Self.unquoted(value))))
            return
        }
        throw Self.error(text, rest.isEmpty ? "it has no operator" : "\"\(rest.prefix(12))\" is not an operator")
    }

    private init(field: String, condition: Filter.Condition) {
        self.field = field
        self.condition = condition
    }

    /// `field rest` when the expression starts with a field name and a space.
    private static func splitWord(_ text: String) -> (String, String)? {
        guard let space = text.firstIndex(of: " ") else { return nil }
        let field = String(text[..<space])
        guard !field.isEmpty, field.allSatisfy(isFieldCharacter) else { return nil }
        return (field, text[space...].trimmingCharacters(in: .whitespaces))
    }

    private static func isFieldCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "." || character == "-"
    }

    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { unquoted($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty }
    }

    private static func unquoted(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for quote in ["\"", "'"] where trimmed.count >= 2 && trimmed.hasPrefix(quote) && trimmed.hasSuffix(quote) {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }

    private static func error(_ text: String, _ reason: String) -> IconectError {
        IconectError.invalidArgument("--filter", "\"\(text)\": \(reason); write field<op>value with = != > >= < <= ~, "
                                     + "or \"field in a,b\", \"field not in a,b\", \"field exists\", \"field not exists\"")
    }
}
