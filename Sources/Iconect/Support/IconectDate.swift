import Foundation

/// Reads and writes the date forms iCONECT uses: ISO-8601 with an offset (`2024-01-30T10:00:00Z`, `…+02:00`,
/// fractional seconds allowed), the iCONECT DATETIME form `2024-01-30 10:00:00` (UTC), and a bare date `2024-01-30`
/// (midnight UTC). A hand-written parser: these run once per date field of every decoded object.
enum IconectDate {
    /// Parses any of the accepted forms; `nil` when the text is none of them.
    static func parse(_ text: String) -> Date? {
        var parser = Parser(Array(text.utf8))
        return parser.parse()
    }

    /// `2024-01-30T10:00:00Z`, or with milliseconds when the date has a fraction.
    static func format(_ date: Date) -> String {
        // Round to whole milliseconds first, so 0.9996 s carries into the next second instead of vanishing.
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = totalMillis >= 0 ? totalMillis / 1000 : (totalMillis - 999) / 1000
        let millis = Int(totalMillis - seconds * 1000)
        var days = seconds / 86_400
        seconds -= days * 86_400
        if seconds < 0 { seconds += 86_400; days -= 1 }
        let (year, month, day) = civil(fromDays: days)
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
                          Int(seconds / 3600), Int(seconds / 60 % 60), Int(seconds % 60))
        if millis > 0 { text += String(format: ".%03d", millis) }
        return text + "Z"
    }

    /// The length of a month in the proleptic Gregorian calendar.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func parse() -> Date? {
            guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
                (1...12).contains(month), day >= 1, day <= IconectDate.daysInMonth(year: year, month: month)
            else { return nil }
            var seconds = Double(IconectDate.days(year: year, month: month, day: day)) * 86_400
            guard index < bytes.count else { return Date(timeIntervalSince1970: seconds) }
            guard expect("T") || expect(" ") || expect("t"),
                let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60
            else { return nil }
            var second = 0
            if expect(":") {
                guard let value = number(2), value <= 60 else { return nil }
                second = value
            }
            seconds += Double(hour * 3600 + minute * 60 + second)
            if expect(".") || expect(",") {
                var scale = 0.1
                var digits = 0
                while index < bytes.count, let digit = digit(bytes[index]) {
                    seconds += Double(digit) * scale
                    scale /= 10
                    index += 1
                    digits += 1
                }
                guard digits > 0 else { return nil }
            }
            guard index < bytes.count else { return Date(timeIntervalSince1970: seconds) }
            if expect("Z") || expect("z") {
                return index == bytes.count ? Date(timeIntervalSince1970: seconds) : nil
            }
            let sign: Double
            if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
            guard let offsetHours = number(2) else { return nil }
            let offsetMinutes = expect(":") || index < bytes.count ? number(2) : 0
            guard let offsetMinutes, index == bytes.count, offsetHours < 24, offsetMinutes < 60 else { return nil }
            seconds -= sign * Double(offsetHours * 3600 + offsetMinutes * 60)
            return Date(timeIntervalSince1970: seconds)
        }

        mutating func expect(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                guard let digit = digit(bytes[index + offset]) else { return nil }
                value = value * 10 + digit
            }
            index += count
            return value
        }

        func digit(_ byte: UInt8) -> Int? {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
        }
    }
}
