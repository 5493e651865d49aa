/// Decoded query (or form) parameters, in order; repeated names keep every value.
struct QueryParameters: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init() {}

    /// Parses `a=1&b=2` (form rules: `+` is a space). Malformed escapes are kept verbatim.
    init(parsing text: String) {
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = part.firstIndex(of: "=") {
                name = part[..<equals]
                value = part[part.index(after: equals)...]
            } else {
                name = part
                value = ""
            }
            let decodedName = PercentDecoding.decode(name, plusAsSpace: true) ?? String(name)
            let decodedValue = PercentDecoding.decode(value, plusAsSpace: true) ?? String(value)
            pairs.append((decodedName, decodedValue))
        }
    }

    /// The first value of `name`.
    subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of `name`.
    func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// The values of `name` split on commas (repeated parameters are joined), empty items dropped.
    func list(_ name: String) -> [String]? {
        let values = all(name)
        guard !values.isEmpty else { return nil }
        return values.flatMap { $0.split(separator: ",").map { $0.trimmingSpaces() } }.filter { !$0.isEmpty }
    }

    /// A boolean parameter (`true`/`false`/`1`/`0`); nil when absent.
    func bool(_ name: String) -> Bool? {
        guard let value = self[name]?.lowercased() else { return nil }
        return value == "true" || value == "1" || value == "yes"
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var slice = self[...]
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
