import Foundation

/// Parses a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
enum RetryAfter {
    /// The longest wait a header can express here (a year); longer values are clamped to it.
    static let maximumSeconds: Int64 = 365 * 24 * 3600

    /// The wait the header asks for, measured from `now`; `nil` when the header is absent or unreadable.
    static func parse(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        // delay-seconds (RFC 9110 §10.2.3), read leniently: a fraction is kept, a negative means now, and anything absurdly
        // long is clamped to a year. Only plain decimal text counts (no hex, no exponent).
        if value.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }),
            let seconds = Double(value), seconds.isFinite || seconds.isInfinite
        {
            let clamped = min(max(0, seconds), Double(maximumSeconds))
            return .milliseconds(Int64((clamped * 1000).rounded()))
        }
        guard let date = parseHTTPDate(value) else { return nil }
        let interval = min(max(0, date.timeIntervalSince(now)), Double(maximumSeconds))
        return .milliseconds(Int64(interval * 1000))
    }

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form and asctime.
    static func parseHTTPDate(_ value: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: value) { return date }
        }
        return nil
    }
}
