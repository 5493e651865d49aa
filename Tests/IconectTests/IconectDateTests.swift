import Foundation
import Testing

@testable import Iconect

@Suite("IconectDate")
struct IconectDateTests {
    /// 2024-01-30T10:00:00Z.
    static let reference: TimeInterval = 1_706_608_800

    private func seconds(_ text: String) -> TimeInterval? {
        IconectDate.parse(text)?.timeIntervalSince1970
    }

    // MARK: Accepted forms

    @Test func utcWithZ() {
        #expect(seconds("2024-01-30T10:00:00Z") == Self.reference)
        #expect(seconds("2024-01-30t10:00:00z") == Self.reference, "lower-case t and z are allowed by RFC 3339")
    }

    static let offsetCases: [(String, TimeInterval)] = [
        ("2024-01-30T10:00:00+02:00", 1_706_601_600),
        ("2024-01-30T10:00:00-05:30", 1_706_628_600),
        ("2024-01-30T10:00:00+0200", 1_706_601_600),
        ("2024-01-30T10:00:00-0530", 1_706_628_600),
        ("2024-01-30T10:00:00+00:00", 1_706_608_800),
        ("2024-01-30T10:00:00-00:00", 1_706_608_800),
        ("2024-01-30T10:00:00+02", 1_706_601_600),
        ("2024-01-30T10:00:00+05:45", 1_706_588_100),
    ]

    @Test(arguments: offsetCases)
    func offsets(text: String, expected: TimeInterval) {
        #expect(seconds(text) == expected)
    }

    @Test func offsetThatCrossesMidnightMovesTheDay() {
        // 23:30 at -05:00 is 04:30 the next day in UTC.
        #expect(IconectDate.parse("2024-12-31T23:30:00-05:00").map(IconectDate.format) == "2025-01-01T04:30:00Z")
    }

    @Test func fractionalSeconds() throws {
        let millis = try #require(seconds("2024-01-30T10:00:00.123Z"))
        #expect(abs(millis - (Self.reference + 0.123)) < 1e-6)
        let nanos = try #require(seconds("2024-01-30T10:00:00.123456789+02:00"))
        #expect(abs(nanos - (Self.reference - 7200 + 0.123456789)) < 1e-6)
        let comma = try #require(seconds("2024-01-30T10:00:00,5Z"))
        #expect(abs(comma - (Self.reference + 0.5)) < 1e-9, "ISO 8601 allows a decimal comma")
        let withoutZone = try #require(seconds("2024-01-30 10:00:00.25"))
        #expect(abs(withoutZone - (Self.reference + 0.25)) < 1e-9)
    }

    @Test func iconectDateTimeFormIsUTC() {
        #expect(seconds("2024-01-30 10:00:00") == Self.reference)
    }

    @Test func dateTimeWithoutSecondsOrZone() {
        #expect(seconds("2024-01-30T10:00") == Self.reference)
        #expect(seconds("2024-01-30T10:00:00") == Self.reference)
    }

    @Test func bareDateIsMidnightUTC() {
        #expect(seconds("2024-01-30") == Self.reference - 10 * 3600)
        #expect(seconds("1970-01-01") == 0)
    }

    @Test func leapDays() {
        #expect(seconds("2024-02-29") == 1_709_164_800)
        #expect(seconds("2024-02-29T23:59:59Z") == 1_709_251_199)
        #expect(seconds("2024-03-01") == 1_709_251_200)
        #expect(seconds("2000-02-29") == 951_782_400, "2000 is a leap year (divisible by 400)")
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2100-02-29 00:00:00", "2024-02-30", "2024-04-31", "2024-06-31T10:00:00Z"])
    func impossibleCalendarDatesAreRejected(text: String) {
        #expect(IconectDate.parse(text) == nil)
    }

    @Test func datesBefore1970() {
        #expect(seconds("1969-12-31T23:59:59Z") == -1)
        #expect(seconds("1969-12-31T23:59:59.5Z") == -0.5)
        #expect(seconds("1900-01-01T00:00:00Z") == -2_208_988_800)
        #expect(seconds("0001-01-01T00:00:00Z") == -62_135_596_800)
        #expect(seconds("1601-01-01") == -11_644_473_600)
    }

    @Test func farFuture() {
        #expect(seconds("9999-12-31T23:59:59Z") == 253_402_300_799)
    }

    @Test func leapSecondRollsIntoTheNextMinute() {
        #expect(seconds("2016-12-31T23:59:60Z") == seconds("2017-01-01T00:00:00Z"))
    }

    // MARK: Rejected inputs

    @Test(arguments: [
        "", " ", "2024", "2024-01", "2024-1-30", "24-01-30", "2024/01/30", "20240130",
        "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32",
        "2024-01-30T25:00", "2024-01-30T24:00:00Z", "2024-01-30T10:60", "2024-01-30T10:00:61Z",
        "2024-01-30T", "2024-01-30T10", "2024-01-30T10:", "2024-01-30T1:00", "2024-01-30X10:00",
        "2024-01-30T10:00:00.Z", "2024-01-30T10:00:00Q",
        "2024-01-30x", "2024-01-30T10:00:00Zjunk", "2024-01-30T10:00:00Z ", " 2024-01-30T10:00:00Z",
        "2024-01-30T10:00:00+02:00x", "2024-01-30T10:00:00+02:00:00", "2024-01-30T10:00:00+2:00",
        "2024-01-30T10:00:00+25:00", "2024-01-30T10:00:00+02:60", "2024-01-30T10:00:00+",
        "2024-01-30T10:00:00 UTC", "Tue, 30 Jan 2024 10:00:00 GMT", "１９７０-01-01", "not a date",
    ])
    func invalidInputsGiveNil(text: String) {
        #expect(IconectDate.parse(text) == nil)
    }

    @Test func offsetWithADanglingColonIsRejected() {
        #expect(IconectDate.parse("2024-01-30T10:00:00+02:") == nil)
    }

    // MARK: Formatting

    @Test func formatWholeSeconds() {
        #expect(IconectDate.format(Date(timeIntervalSince1970: Self.reference)) == "2024-01-30T10:00:00Z")
        #expect(IconectDate.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(IconectDate.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(IconectDate.format(Date(timeIntervalSince1970: -2_208_988_800)) == "1900-01-01T00:00:00Z")
        #expect(IconectDate.format(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00Z")
        #expect(IconectDate.format(Date(timeIntervalSince1970: 1_709_164_800)) == "2024-02-29T00:00:00Z")
    }

    @Test func formatKeepsMilliseconds() {
        #expect(IconectDate.format(Date(timeIntervalSince1970: Self.reference + 0.25)) == "2024-01-30T10:00:00.250Z")
        #expect(IconectDate.format(Date(timeIntervalSince1970: Self.reference + 0.001)) == "2024-01-30T10:00:00.001Z")
        #expect(IconectDate.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }

    @Test func formatThenParseRoundTripsToTheMillisecond() throws {
        var generator = SeededGenerator(seed: 0xDA7E)
        let lowest: Int64 = -62_135_596_800_000  // 0001-01-01
        let highest: Int64 = 253_402_300_799_999  // 9999-12-31T23:59:59.999
        var failures: [String] = []
        for _ in 0..<5_000 {
            let millis = Int64.random(in: lowest...highest, using: &generator)
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            let text = IconectDate.format(date)
            guard let parsed = IconectDate.parse(text) else {
                failures.append("\(millis) → \(text) did not parse")
                continue
            }
            if abs(parsed.timeIntervalSince1970 - date.timeIntervalSince1970) > 0.0005 || IconectDate.format(parsed) != text {
                failures.append("\(millis) → \(text) → \(parsed.timeIntervalSince1970)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func parseThenFormatNormalisesToUTC() {
        #expect(IconectDate.parse("2024-01-30T12:00:00+02:00").map(IconectDate.format) == "2024-01-30T10:00:00Z")
        #expect(IconectDate.parse("2024-01-30 10:00:00").map(IconectDate.format) == "2024-01-30T10:00:00Z")
        #expect(IconectDate.parse("2024-01-30").map(IconectDate.format) == "2024-01-30T00:00:00Z")
    }

    @Test func formatRoundsAFractionNearTheNextSecondUpward() {
        // 10:00:00.9996 is 0.4 ms before 10:00:01; the text must not be almost a second early.
        let date = Date(timeIntervalSince1970: Self.reference + 0.9996)
        let parsed = IconectDate.parse(IconectDate.format(date))
        #expect(parsed.map { abs($0.timeIntervalSince(date)) < 0.001 } == true)
    }

    // MARK: days / civil

    @Test func daysAnchors() {
        #expect(IconectDate.days(year: 1970, month: 1, day: 1) == 0)
        #expect(IconectDate.days(year: 1969, month: 12, day: 31) == -1)
        #expect(IconectDate.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(IconectDate.days(year: 1, month: 1, day: 1) == -719_162)
        #expect(IconectDate.days(year: 0, month: 3, day: 1) == -719_468)
        #expect(IconectDate.civil(fromDays: 0) == (1970, 1, 1))
        #expect(IconectDate.civil(fromDays: -719_468) == (0, 3, 1))
        #expect(IconectDate.civil(fromDays: -719_469) == (0, 2, 29), "year 0 (1 BC) is a proleptic leap year")
    }

    @Test func civilAndDaysWalkEveryDayFrom1600To2400() {
        func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }
        func length(_ year: Int, _ month: Int) -> Int {
            switch month {
            case 2: return isLeap(year) ? 29 : 28
            case 4, 6, 9, 11: return 30
            default: return 31
            }
        }
        var (year, month, day) = (1600, 1, 1)
        var number = IconectDate.days(year: 1600, month: 1, day: 1)
        var mismatches: [String] = []
        while year <= 2400 {
            if IconectDate.days(year: year, month: month, day: day) != number {
                mismatches.append("days(\(year)-\(month)-\(day)) != \(number)")
            }
            let civil = IconectDate.civil(fromDays: number)
            if civil != (year, month, day) { mismatches.append("civil(\(number)) = \(civil), expected \(year)-\(month)-\(day)") }
            if mismatches.count > 5 { break }
            number += 1
            day += 1
            if day > length(year, month) {
                day = 1
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(number == IconectDate.days(year: 2401, month: 1, day: 1))
    }

    @Test func daysOfCivilIsTheIdentityOverAWideRange() {
        var generator = SeededGenerator(seed: 42)
        var mismatches: [Int64] = []
        for _ in 0..<20_000 {
            let number = Int64.random(in: -100_000_000...100_000_000, using: &generator)
            let (year, month, day) = IconectDate.civil(fromDays: number)
            let valid = (1...12).contains(month) && (1...31).contains(day)
            if !valid || IconectDate.days(year: year, month: month, day: day) != number { mismatches.append(number) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
