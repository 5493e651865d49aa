import Foundation

/// Checks a value against a field definition and names every rule it breaks.
///
/// Rules: `required` (no value for a required field), `type` (the data type: string, integer, decimal, datetime,
/// boolean; a list for multiChoice), `maxLength` / `minLength` (characters), `pattern` (a regular expression over the
/// whole value; `regex` is read too), `min` / `max` (numbers, or dates for datetime fields), `choices` (a choice field's
/// values).
struct FieldValueValidator {
    let field: [String: JSON]

    struct Failure {
        let rule: String
        let message: String
    }

    /// The rules of a definition that can never pass: an invalid pattern, or bounds of the wrong kind.
    static func definitionErrors(_ body: [String: JSON]) -> [String: [String]] {
        var errors: [String: [String]] = [:]
        if let choices = body["choices"]?.arrayValue, !choices.allSatisfy({ !($0["value"]?.stringValue ?? "").isEmpty }) {
            errors["choices", default: []].append("every choice needs a non-empty string value")
        }
        guard let rules = body["validationRules"]?.objectValue else { return errors }
        if let pattern = (rules["pattern"] ?? rules["regex"])?.stringValue, (try? NSRegularExpression(pattern: pattern)) == nil {
            errors["validationRules.pattern", default: []].append("validationRules.pattern is not a valid regular expression")
        }
        for key in ["min", "max"] {
            guard let bound = rules[key], !bound.isNull else { continue }
            if bound.numberValue == nil, bound.stringValue.flatMap(ISODate.parse) == nil {
                errors["validationRules." + key, default: []].append("validationRules.\(key) must be a number or a date")
            }
        }
        for key in ["minLength", "maxLength"] where rules[key].map({ ($0.intValue ?? -1) < 0 }) == true {
            errors["validationRules." + key, default: []].append("validationRules.\(key) must be a whole number")
        }
        return errors
    }

    func failures(of value: JSON) -> [Failure] {
        guard !value.isNull, value != .string("") else {
            return field["isRequired"]?.boolValue == true ? [Failure(rule: "required", message: "a value is required")] : []
        }
        let fieldType = field["fieldType"]?.stringValue ?? "text"
        if fieldType == "multiChoice" {
            guard let items = value.arrayValue else { return [Failure(rule: "type", message: "must be a list of choices")] }
            return items.flatMap(checkChoice)
        }
        var failures = checkType(value)
        guard failures.isEmpty else { return failures }
        if fieldType == "choice" { failures += checkChoice(value) }
        return failures + checkRules(value)
    }

    private func checkType(_ value: JSON) -> [Failure] {
        let dataType = field["dataType"]?.stringValue ?? "string"
        let fits: Bool
        switch dataType {
        case "integer": fits = value.intValue != nil
        case "decimal": fits = value.numberValue != nil
        case "boolean": fits = value.boolValue != nil
        case "datetime": fits = value.stringValue.flatMap(ISODate.parse) != nil
        default: fits = value.stringValue != nil
        }
        let names = ["integer": "a whole number", "decimal": "a number", "boolean": "true or false",
                     "datetime": "an ISO-8601 date", "string": "text"]
        return fits ? [] : [Failure(rule: "type", message: "must be \(names[dataType] ?? dataType)")]
    }

    private func checkChoice(_ value: JSON) -> [Failure] {
        let allowed = (field["choices"]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue }
        guard let text = value.stringValue, allowed.contains(text) else {
            return [Failure(rule: "choices", message: "\(value.compactText) is not one of: \(allowed.joined(separator: ", "))")]
        }
        return []
    }

    private func checkRules(_ value: JSON) -> [Failure] {
        let rules = field["validationRules"]?.objectValue ?? [:]
        var failures: [Failure] = []
        if let text = value.stringValue {
            let length = text.count
            if let limit = field["maxLength"]?.intValue ?? rules["maxLength"]?.intValue, length > limit {
                failures.append(Failure(rule: "maxLength", message: "is \(length) characters long, at most \(limit) allowed"))
            }
            if let limit = rules["minLength"]?.intValue, length < limit {
                failures.append(Failure(rule: "minLength", message: "is \(length) characters long, at least \(limit) needed"))
            }
            if let pattern = (rules["pattern"] ?? rules["regex"])?.stringValue,
               let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$"),
               regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                failures.append(Failure(rule: "pattern", message: "does not match \(pattern)"))
            }
        }
        for (key, below) in [("min", true), ("max", false)] {
            guard let bound = rules[key], let (left, right) = Self.comparable(value, bound) else { continue }
            if below ? left < right : left > right {
                failures.append(Failure(rule: key, message: "must be \(below ? "at least" : "at most") \(CSVText.cell(bound))"))
            }
        }
        return failures
    }

    /// A value and a bound as two numbers (dates as seconds), when they compare.
    private static func comparable(_ value: JSON, _ bound: JSON) -> (Double, Double)? {
        if let number = value.numberValue, let limit = bound.numberValue { return (number, limit) }
        if let instant = value.stringValue.flatMap(ISODate.parse), let limit = bound.stringValue.flatMap(ISODate.parse) {
            return (instant, limit)
        }
        return nil
    }
}
