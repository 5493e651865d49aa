import Foundation

/// ISO-8601 formatting and parsing without Foundation formatters (they are far too slow for a million records).
enum ISODate {
    /// Seconds since 1970 now, with sub-second precision.
    static var now: Double { Date().timeIntervalSince1970 }

    /// Whole seconds since 1970 now.
    static var nowSeconds: Int64 { Int64(now.rounded(.down)) }

    /// `2024-01-30T10:00:00Z` for an instant.
    static func string(_ seconds: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        appendISO(seconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DDTHH:MM:SSZ` for an instant.
    static func appendISO(_ seconds: Int64, to bytes: inout [UInt8]) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        appendDigits(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// `YYYY-MM-DD` for the day an instant falls on (UTC).
    static func dayString(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = civil(fromDays: days)
        var bytes: [UInt8] = []
        appendDigits(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = max(0, value)
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Days since 1970-01-01 → (year, month, day); Howard Hinnant's algorithm.
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// (year, month, day) → days since 1970-01-01.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]` and `YYYY-MM-DD HH:MM:SS` (UTC when no offset).
    /// Returns seconds since 1970, or nil when the text is not such a date.
    static func parse(_ text: String) -> Double? {
        if let result = text.utf8.withContiguousStorageIfAvailable({ parse(utf8: $0) }) { return result }
        var copy = text
        return copy.withUTF8 { parse(utf8: $0) }
    }

    static func parse(utf8 s: UnsafeBufferPointer<UInt8>) -> Double? {
        guard s.count >= 10, s.count <= 40 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= s.count else { return nil }
            var value = 0
            for index in start..<(start + length) {
                let byte = s[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), s[4] == UInt8(ascii: "-"), let month = number(5, 2), s[7] == UInt8(ascii: "-"),
              let day = number(8, 2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Double(days(year: year, month: month, day: day) * 86_400)
        if s.count == 10 { return seconds }
        guard s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: " ") || s[10] == UInt8(ascii: "t"),
              let hour = number(11, 2), s.count > 13, s[13] == UInt8(ascii: ":"), let minute = number(14, 2),
              hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        var index = 16
        if index < s.count, s[index] == UInt8(ascii: ":") {
            guard let second = number(17, 2), second <= 60 else { return nil }
            seconds += Double(second)
            index = 19
            if index < s.count, s[index] == UInt8(ascii: ".") || s[index] == UInt8(ascii: ",") {
                index += 1
                var scale = 0.1
                let fractionStart = index
                while index < s.count, s[index] >= 48, s[index] <= 57 {
                    seconds += Double(s[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
                guard index > fractionStart else { return nil }
            }
        }
        if index == s.count { return seconds }
        switch s[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return index + 1 == s.count ? seconds : nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Double = s[index] == UInt8(ascii: "+") ? 1 : -1
            guard let offsetHours = number(index + 1, 2) else { return nil }
            var offsetMinutes = 0
            var end = index + 3
            if end < s.count {
                if s[end] == UInt8(ascii: ":") { end += 1 }
                guard let minutes = number(end, 2) else { return nil }
                offsetMinutes = minutes
                end += 2
            }
            guard end == s.count else { return nil }
            return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
        default:
            return nil
        }
    }
}
