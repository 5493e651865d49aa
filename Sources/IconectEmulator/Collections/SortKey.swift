/// A comparable projection of a value for `sortBy`: numbers before strings before booleans; missing values always last.
enum SortKey {
    case number(Double)
    case string(String)
    case bool(Bool)
    case missing

    init(_ probe: FieldProbe) {
        switch probe {
        case .missing: self = .missing
        case .instant(let seconds): self = .number(Double(seconds))
        case .strings(let values): self = values.first.map(SortKey.string) ?? .missing
        case .json(let value): self = SortKey(value)
        }
    }

    init(_ value: JSON) {
        switch value {
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .bool(let flag): self = .bool(flag)
        case .array(let values): self = values.first.map(SortKey.init) ?? .missing
        case .null, .object: self = .missing
        }
    }

    private var rank: Int {
        switch self {
        case .number: return 0
        case .string: return 1
        case .bool: return 2
        case .missing: return 3
        }
    }

    /// Whether `self` sorts before `other` in the given direction (missing values stay last either way).
    func precedes(_ other: SortKey, descending: Bool) -> Bool? {
        if case .missing = self { return other.isMissing ? nil : false }
        if other.isMissing { return true }
        if rank != other.rank { return descending ? rank > other.rank : rank < other.rank }
        let ascending: Bool?
        switch (self, other) {
        case (.number(let a), .number(let b)): ascending = a == b ? nil : a < b
        case (.string(let a), .string(let b)): ascending = a == b ? nil : a.utf8.lexicographicallyPrecedes(b.utf8)
        case (.bool(let a), .bool(let b)): ascending = a == b ? nil : !a
        default: ascending = nil
        }
        guard let ascending else { return nil }
        return descending ? !ascending : ascending
    }

    private var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }
}
