import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`) and the times it fires.
///
/// Fields take `*`, numbers, ranges `a-b`, steps `*/n` and `a-b/n`, and comma lists; months and weekdays also take
/// names (`JAN`, `MON`); weekday 7 is Sunday like 0. `@hourly`, `@daily`, `@weekly`, `@monthly` and `@yearly` stand for
/// their usual expressions. As in Vixie cron, when both day fields are restricted a day matching either one fires.
struct CronSchedule: Sendable {
    struct Invalid: Error { let message: String }

    let minutes: Set<Int>
    let hours: Set<Int>
    let days: Set<Int>
    let months: Set<Int>
    let weekdays: Set<Int>
    let daysRestricted: Bool
    let weekdaysRestricted: Bool

    private static let macros = ["@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
                                 "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *"]
    private static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    init(_ expression: String) throws(Invalid) {
        let text = Self.macros[expression.trimmingCharacters(in: .whitespaces).lowercased()] ?? expression
        let fields = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 5 else {
            throw Invalid(message: "cronExpression must have 5 fields (minute hour day-of-month month day-of-week), got \(fields.count)")
        }
        minutes = try Self.parse(fields[0], name: "minute", 0...59)
        hours = try Self.parse(fields[1], name: "hour", 0...23)
        days = try Self.parse(fields[2], name: "day-of-month", 1...31)
        months = try Self.parse(fields[3], name: "month", 1...12, names: Self.monthNames, firstName: 1)
        weekdays = try Set(Self.parse(fields[4], name: "day-of-week", 0...7, names: Self.dayNames, firstName: 0).map { $0 % 7 })
        daysRestricted = fields[2] != "*"
        weekdaysRestricted = fields[4] != "*"
    }

    private static func parse(_ field: String, name: String, _ bounds: ClosedRange<Int>, names: [String] = [],
                              firstName: Int = 0) throws(Invalid) -> Set<Int> {
        func value(_ text: Substring) throws(Invalid) -> Int {
            if let number = Int(text), bounds.contains(number) { return number }
            if let index = names.firstIndex(of: text.uppercased()) { return index + firstName }
            throw Invalid(message: "cronExpression: \(name) '\(text)' is not a value from \(bounds.lowerBound) to \(bounds.upperBound)")
        }
        var result = Set<Int>()
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2, let rangeText = pieces.first, !rangeText.isEmpty else {
                throw Invalid(message: "cronExpression: \(name) '\(part)' is not a value, range or step")
            }
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed >= 1 else {
                    throw Invalid(message: "cronExpression: \(name) step '\(pieces[1])' must be a whole number of at least 1")
                }
                step = parsed
            }
            var range = bounds
            if rangeText != "*" {
                let ends = rangeText.split(separator: "-", omittingEmptySubsequences: false)
                guard ends.count <= 2 else { throw Invalid(message: "cronExpression: \(name) '\(rangeText)' is not a range") }
                let low = try value(ends[0])
                let high = try ends.count == 2 ? value(ends[1]) : (pieces.count == 2 ? bounds.upperBound : low)
                guard low <= high else { throw Invalid(message: "cronExpression: \(name) range '\(rangeText)' runs backwards") }
                range = low...high
            }
            result.formUnion(stride(from: range.lowerBound, through: range.upperBound, by: step))
        }
        return result
    }

    /// The first time after `date` the expression fires in `timeZone`, or nil when it never does (such as 30 February).
    func nextRun(after date: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard var day = calendar.dateInterval(of: .day, for: date)?.start else { return nil }
        for _ in 0..<(366 * 8) {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            if let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday, months.contains(month),
               matchesDay(dayOfMonth, weekday: weekday - 1) {
                for hour in hours.sorted() {
                    for minute in minutes.sorted() {
                        var components = parts
                        components.hour = hour
                        components.minute = minute
                        components.second = 0
                        if let candidate = calendar.date(from: components), candidate > date,
                           calendar.component(.hour, from: candidate) == hour { return candidate }
                    }
                }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = next
        }
        return nil
    }

    private func matchesDay(_ day: Int, weekday: Int) -> Bool {
        switch (daysRestricted, weekdaysRestricted) {
        case (true, true): return days.contains(day) || weekdays.contains(weekday)
        case (true, false): return days.contains(day)
        case (false, true): return weekdays.contains(weekday)
        case (false, false): return true
        }
    }
}
