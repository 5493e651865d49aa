import HTTPTypes
import NIOCore
import Synchronization

/// Stores the first response to each `Idempotency-Key` for 24 hours and replays it.
///
/// Race-free: while the first request with a key executes, later requests with the same key wait for it
/// and then replay its response, so the handler runs once.
final class IdempotencyStore: Sendable {
    /// What identifies "the same request" for one key.
    struct Fingerprint: Sendable, Equatable {
        let method: String
        let path: String
        let bodyDigest: [UInt8]
    }

    /// What `begin` decided.
    enum Outcome: Sendable {
        case execute
        case replay(Reply)
        case mismatch
    }

    private struct StoredReply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: ByteBuffer
    }

    private enum Entry {
        case inFlight(Fingerprint, [CheckedContinuation<Void, Never>])
        case done(Fingerprint, StoredReply, expires: Double)
    }

    static let lifetime: Double = 24 * 3600
    private let entries = Mutex<[String: Entry]>([:])

    /// Claims the key for execution, or answers the stored reply (waiting for an in-flight twin first).
    func begin(key: String, fingerprint: Fingerprint) async -> Outcome {
        while true {
            enum Step { case outcome(Outcome), wait }
            let step = entries.withLock { entries -> Step in
                switch entries[key] {
                case .none:
                    entries[key] = .inFlight(fingerprint, [])
                    return .outcome(.execute)
                case .done(let stored, let reply, let expires):
                    if expires < ISODate.now {
                        entries[key] = .inFlight(fingerprint, [])
                        return .outcome(.execute)
                    }
                    guard stored == fingerprint else { return .outcome(.mismatch) }
                    var headers = reply.headers
                    headers[.idempotentReplayed] = "true"
                    return .outcome(.replay(Reply(status: reply.status, headers: headers, body: .bytes(reply.body))))
                case .inFlight(let stored, _):
                    return stored == fingerprint ? .wait : .outcome(.mismatch)
                }
            }
            switch step {
            case .outcome(let outcome):
                return outcome
            case .wait:
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let parked = entries.withLock { entries -> Bool in
                        guard case .inFlight(let stored, var waiters) = entries[key] else { return false }
                        waiters.append(continuation)
                        entries[key] = .inFlight(stored, waiters)
                        return true
                    }
                    if !parked { continuation.resume() }
                }
            }
        }
    }

    /// Stores the reply of an executed request (nil or a 5xx/streamed reply releases the key instead) and wakes waiters.
    func finish(key: String, fingerprint: Fingerprint, reply: Reply?) {
        let stored: StoredReply? = reply.flatMap { reply in
            guard reply.status.code < 500, let body = reply.bufferedBody else { return nil }
            return StoredReply(status: reply.status, headers: reply.headers, body: body)
        }
        let waiters = entries.withLock { entries -> [CheckedContinuation<Void, Never>] in
            var waiters: [CheckedContinuation<Void, Never>] = []
            if case .inFlight(_, let parked) = entries[key] { waiters = parked }
            if let stored {
                entries[key] = .done(fingerprint, stored, expires: ISODate.now + Self.lifetime)
            } else {
                entries[key] = nil
            }
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func reset() {
        let waiters = entries.withLock { entries -> [CheckedContinuation<Void, Never>] in
            let parked = entries.values.flatMap { entry -> [CheckedContinuation<Void, Never>] in
                if case .inFlight(_, let waiters) = entry { return waiters }
                return []
            }
            entries.removeAll()
            return parked
        }
        for waiter in waiters { waiter.resume() }
    }
}
