import Foundation
import Testing

@testable import Iconect

/// SplitMix64: a tiny deterministic generator, so tests that draw random numbers are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs `body`, which must throw an ``IconectError``, and returns that error.
func iconectError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) throws -> IconectError {
    try #require(throws: IconectError.self, sourceLocation: sourceLocation) { try body() }
}

/// Decodes `json` with the SDK's own decoder (ISO-8601 and DATETIME dates).
func decodeModel<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONCoding.decoder.decode(type, from: Data(json.utf8))
}

/// The UTF-8 text of `data`.
func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

/// Polls `condition`, yielding between checks, until it holds; throws, naming `what`, once `timeout` has passed without
/// it. For waiting on state another task changes, never on time.
func waitUntil(_ what: String, timeout: Duration = .seconds(30), _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw WaitTimedOut(description: "gave up after \(timeout) waiting until \(what)") }
        await Task.yield()
    }
}

/// What ``waitUntil(_:timeout:_:)`` throws when its condition never held.
struct WaitTimedOut: Error, CustomStringConvertible {
    let description: String
}
