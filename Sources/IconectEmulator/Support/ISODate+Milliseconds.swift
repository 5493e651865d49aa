extension ISODate {
    /// `2024-01-30T10:00:00.123Z` for an instant with sub-second precision (job log timestamps, which come many a second).
    static func millisecondString(_ instant: Double) -> String {
        let millis = Int64((instant * 1000).rounded(.down))
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let fraction = String(Int(millis - seconds * 1000))
        return String(string(seconds).dropLast()) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
    }
}
