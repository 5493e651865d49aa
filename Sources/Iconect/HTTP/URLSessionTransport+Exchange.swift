import Foundation
import HTTPTypes
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension URLSessionTransport {
    /// One task's answer as it arrives: its head, then its body, kept in memory up to a limit or written to a file; then
    /// its end, handed to the caller waiting for it. Whichever comes first of the task's end, a deadline, a body over the
    /// limit and the caller's cancellation decides the outcome; the rest are ignored.
    final class Exchange: Sendable {
        /// Where the body goes.
        enum Sink {
            /// Into memory, refusing more than `limit` bytes.
            case memory(limit: Int)
            /// Into a file, as it arrives.
            case file(FileWriter)
        }

        private struct State {
            var sink: Sink
            var response: HTTPURLResponse?
            var body = Data()
            /// Why the exchange was stopped early (a deadline, the limit), when it was.
            var stopped: IconectError?
            var continuation: CheckedContinuation<HTTPAnswer, any Error>?
            var result: Result<HTTPAnswer, IconectError>?
            /// Between refusing a redirect and receiving the redirect as the answer: Foundation on Linux traps when a task
            /// is cancelled in that window, so a cancellation waits for the answer.
            var refusingRedirect = false
            var cancelDeferred = false
        }

        private let state: Mutex<State>
        /// Whether the task has ended, as the delegate reports it; held while the task is cancelled (see `cancelNow(_:)`).
        private let ended = Mutex(false)

        /// An exchange whose body is kept in memory, `limit` bytes at most.
        init(memoryLimit limit: Int) {
            state = Mutex(State(sink: .memory(limit: limit)))
        }

        /// An exchange whose body is written to `url`, opened without following a symbolic link (created private).
        init(writingTo url: URL) throws {
            state = Mutex(State(sink: .file(try FileWriter(replacing: url))))
        }

        /// Flushes and closes the file of a download; throws when its last bytes could not be stored.
        func finishFile() throws {
            try state.withLock { state in
                guard case .file(let writer) = state.sink else { return }
                defer { writer.close() }
                try writer.synchronize()
            }
        }

        /// Takes the response head; false when the task must be cancelled: its declared length is already over the limit,
        /// or a cancellation waited for it.
        func receive(_ response: URLResponse) -> Bool {
            state.withLock { state in
                state.response = response as? HTTPURLResponse
                state.refusingRedirect = false
                if state.cancelDeferred { return false }
                guard case .memory(let limit) = state.sink, response.expectedContentLength > Int64(limit) else { return true }
                state.stopped = Self.tooLarge(limit)
                return false
            }
        }

        /// The delegate is about to refuse a redirect.
        func refuseRedirect() {
            state.withLock { $0.refusingRedirect = true }
        }

        /// Cancels `task` now, or, while a redirect is being refused, once its answer arrives.
        func cancel(_ task: URLSessionTask) {
            let now = state.withLock { state in
                guard state.refusingRedirect else { return true }
                state.cancelDeferred = true
                return false
            }
            if now { cancelNow(task) }
        }

        /// Cancels `task` from another thread, never waiting for it, unless it has ended.
        ///
        /// - Off the caller's thread: on Linux, `cancel()` waits for the session's work queue, which a server sending
        ///   without pause keeps busy for seconds. Waited for on the delegate queue, the body it keeps sending piles up
        ///   there (measured: 1.2 GB for a 4 GiB answer); waited for elsewhere, it holds that thread. Cancelled this way,
        ///   what arrives meanwhile is dropped as it comes (a few tens of MB of resident memory at most).
        /// - Never beside the task's own end: Foundation on Linux traps when `cancel()` finds the task still running
        ///   while its end (an answer, a failure, its timeout) is being reported. The late cancellation then reports
        ///   once more, after the session has forgotten the task (`TaskRegistry`: "a task that in not in the registry").
        ///   The delegate marks the end (``markEnded()``) before Foundation marks the task completed and forgets it, and
        ///   the two exclude each other here: a cancellation either sees the end and does nothing, or is queued on the
        ///   session before the task is forgotten.
        private func cancelNow(_ task: URLSessionTask) {
            DispatchQueue.global().async {
                self.ended.withLock { ended in
                    if !ended { task.cancel() }
                }
            }
        }

        /// The delegate heard the task end: a cancellation from now on does nothing.
        func markEnded() {
            ended.withLock { $0 = true }
        }

        /// Takes a piece of the body; false only when this piece stopped the exchange (over the limit, or the file cannot
        /// be written), so the task is cancelled once. Pieces arriving after that are dropped.
        func append(_ data: Data) -> Bool {
            state.withLock { state in
                guard state.stopped == nil else { return true }
                switch state.sink {
                case .memory(let limit):
                    guard state.body.count + data.count <= limit else {
                        state.stopped = Self.tooLarge(limit)
                        state.body = Data()
                        return false
                    }
                    state.body.append(data)
                case .file(let writer):
                    do {
                        try writer.write(data)
                    } catch {
                        state.stopped = IconectError.transportFailure(error)
                        return false
                    }
                }
                return true
            }
        }

        /// Stops the exchange with `failure` (a deadline passed); the task is cancelled by the caller.
        func stop(_ failure: IconectError) {
            state.withLock { state in
                if state.stopped == nil, state.result == nil { state.stopped = failure }
            }
        }

        /// The task ended, with `error` or not.
        func complete(_ error: (any Error)?) {
            let (continuation, result) = state.withLock { state -> (CheckedContinuation<HTTPAnswer, any Error>?, Result<HTTPAnswer, IconectError>) in
                let result: Result<HTTPAnswer, IconectError>
                if let stopped = state.stopped {
                    result = .failure(stopped)
                } else if let error {
                    result = .failure(URLSessionTransport.map(error))
                } else if let response = state.response {
                    result = Result { try HTTPAnswer(URLSessionTransport.response(of: response), body: state.body) }
                        .mapError(URLSessionTransport.map)
                } else {
                    result = .failure(IconectError(.transport, "the server's answer was not an HTTP response"))
                }
                state.body = Data()
                if let continuation = state.continuation {
                    state.continuation = nil
                    return (continuation, result)
                }
                state.result = result
                return (nil, result)
            }
            continuation?.resume(with: result)
        }

        /// Waits for the end (which may already have come).
        func wait(_ continuation: CheckedContinuation<HTTPAnswer, any Error>) {
            let ready = state.withLock { state -> Result<HTTPAnswer, IconectError>? in
                if let result = state.result { return result }
                state.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }

        private static func tooLarge(_ limit: Int) -> IconectError {
            .tooLarge("the response body", limit: limit, setting: "maxResponseBytes")
        }
    }

    /// The delegate of the transport's sessions: refuses every redirect (the request pipeline decides which to follow,
    /// and strips credentials across origins), and routes each task's head, body and end to its ``Exchange``.
    ///
    /// `@unchecked Sendable` is safe: its only state is `exchanges`, guarded by a `Mutex`; `NSObject` (which the
    /// delegate protocols require) is what the compiler cannot check.
    final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let exchanges = Mutex<[ObjectIdentifier: (task: URLSessionTask, exchange: Exchange)]>([:])

        func register(_ exchange: Exchange, for task: URLSessionTask) {
            exchanges.withLock { $0[ObjectIdentifier(task)] = (task, exchange) }
        }

        private func exchange(for task: URLSessionTask) -> Exchange? {
            exchanges.withLock { $0[ObjectIdentifier(task)]?.exchange }
        }

        /// Cancels every task that has not ended, each through its exchange (so never beside its end, nor while a redirect
        /// is being refused).
        func cancelAll() {
            for (task, exchange) in exchanges.withLock({ Array($0.values) }) { exchange.cancel(task) }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
            exchange(for: task)?.refuseRedirect()
            completionHandler(nil)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
            // Foundation on Linux ignores the disposition, so a refused head is cancelled here.
            guard let exchange = exchange(for: dataTask), !exchange.receive(response) else { return completionHandler(.allow) }
            completionHandler(.cancel)
            exchange.cancel(dataTask)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            if let exchange = exchange(for: dataTask), !exchange.append(data) { exchange.cancel(dataTask) }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            let exchange = exchanges.withLock { $0.removeValue(forKey: ObjectIdentifier(task))?.exchange }
            exchange?.markEnded()
            exchange?.complete(error)
        }
    }
}
