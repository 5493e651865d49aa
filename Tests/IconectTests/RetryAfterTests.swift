import Foundation
import Testing

@testable import Iconect

@Suite("RetryAfter", .timeLimit(.minutes(2)))
struct RetryAfterTests {
    /// Sun, 06 Nov 1994 08:49:37 GMT.
    static let rfcExample = Date(timeIntervalSince1970: 784_111_777)

    /// Whether `duration` is within a millisecond of `expected` (HTTP dates go through floating point).
    private func close(_ duration: Duration?, _ expected: Duration) -> Bool {
        guard let duration else { return false }
        return abs(duration.nanoseconds - expected.nanoseconds) <= 1_000_000
    }

    @Test(arguments: [("120", 120), ("0", 0), ("1", 1), (" 7 ", 7), ("86400", 86_400)])
    func delaySeconds(header: String, seconds: Int64) {
        #expect(RetryAfter.parse(header) == .seconds(seconds))
    }

    @Test func negativeSecondsMeanNow() {
        #expect(RetryAfter.parse("-5") == .zero)
    }

    @Test func fractionalSecondsAreTolerated() {
        #expect(RetryAfter.parse("1.5") == .milliseconds(1500))
        #expect(RetryAfter.parse("0.25") == .milliseconds(250))
    }

    @Test func imfFixdateIsMeasuredFromNow() {
        let now = Self.rfcExample.addingTimeInterval(-30)
        #expect(close(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: now), .seconds(30)))
    }

    @Test func obsoleteDateForms() {
        let now = Self.rfcExample.addingTimeInterval(-10)
        #expect(close(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: now), .seconds(10)), "RFC 850")
        #expect(close(RetryAfter.parse("Sun Nov  6 08:49:37 1994", now: now), .seconds(10)), "asctime")
    }

    @Test func aDateInThePastMeansNow() {
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: Self.rfcExample.addingTimeInterval(3600)) == .zero)
    }

    @Test func theDateIsReadInGMTWhateverTheLocalZone() {
        // A date exactly `now` is no wait at all; a zone mix-up would give hours.
        #expect(close(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: Self.rfcExample), .zero))
    }

    @Test(arguments: [
        nil, "", "   ", "soon", "12abc", "abc12", "1 2", "inf", "-inf", "nan", "Sun, 06 Nov 1994",
        "2024-01-30T10:00:00Z", "Sun, 06 Nov 1994 25:49:37 GMT", "Funday, 06 Nov 1994 08:49:37 GMT",
    ] as [String?])
    func garbageGivesNil(header: String?) {
        #expect(RetryAfter.parse(header) == nil)
    }

    @Test(arguments: ["99999999999999999999", "1e300"])
    func hugeNumericValuesDoNotCrash(header: String) async {
        // A server or proxy sending an absurd Retry-After must not crash the client: the value is simply over the cap.
        await #expect(processExitsWith: .success) { [header] in
            let wait = RetryAfter.parse(header)
            guard wait.map({ $0 >= .seconds(86_400 * 365) }) ?? true else { exit(1) }
        }
    }

    @Test func largeButRepresentableSecondsAreKept() {
        #expect(RetryAfter.parse("9223372036854775807") == .seconds(RetryAfter.maximumSeconds), "clamped to a year")
        #expect(RetryAfter.parse("86400") == .seconds(86_400))
        #expect(RetryPolicy().delay(afterAttempt: 1, retryAfter: RetryAfter.parse("3600")) == nil, "over the 60 s cap: no retry")
    }
}
