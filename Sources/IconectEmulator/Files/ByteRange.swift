/// A single `Range: bytes=…` request (RFC 9110 §14.1.2). Multiple ranges and bad syntax are ignored (full body).
enum ByteRange {
    case none
    case unsatisfiable
    case range(Range<Int>)

    static func parse(_ header: String, size: Int) -> ByteRange {
        let trimmed = header.trimming(" ")
        guard trimmed.lowercased().hasPrefix("bytes=") else { return .none }
        let spec = trimmed.dropFirst(6).trimmingSpaces()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .none }
        let first = spec[..<dash].trimmingSpaces()
        let last = spec[spec.index(after: dash)...].trimmingSpaces()
        if first.isEmpty {
            guard let suffix = Int(last), suffix >= 0 else { return .none }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .range(max(0, size - suffix)..<size)
        }
        guard let start = Int(first), start >= 0 else { return .none }
        guard start < size else { return .unsatisfiable }
        if last.isEmpty { return .range(start..<size) }
        guard let end = Int(last), end >= start else { return .none }
        // `end` may be as large as Int.max: clamp before adding one.
        return .range(start..<(end >= size ? size : end + 1))
    }
}
