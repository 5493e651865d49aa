import Iconect
import MCP
import Synchronization

/// Reports how far one `tools/call` has got: as `notifications/progress` when the request carried a `progressToken`, and,
/// whatever the request, as the last step kept for the result of a cancelled call ("what was done").
///
/// ```swift
/// let file = try await context.progress.forwarding(UploadProgress.self, describe: { step in
///     ProgressStep(done: Double(step.bytesSent), total: Double(step.totalBytes), message: "uploaded ...")
/// }) { reporter in
///     try await client.files.upload(fileAt: url, options: options, progress: reporter)
/// }
/// ```
public final class ProgressReporter: Sendable {
    /// Sends one notification.
    public typealias Send = @Sendable (ProgressNotification.Parameters) async -> Void

    private let token: ProgressToken?
    private let send: Send?
    private let last = Mutex<ProgressStep?>(nil)

    /// A reporter for a request with `token` (none: nothing is sent, steps are only kept).
    public init(token: ProgressToken?, send: Send?) {
        self.token = token
        self.send = send
    }

    /// A reporter that sends nothing.
    public static func silent() -> ProgressReporter { ProgressReporter(token: nil, send: nil) }

    /// The last step reported.
    public var lastStep: ProgressStep? { last.withLock { $0 } }

    /// Keeps `step` and notifies the client, unless it does not advance on the last one (progress must increase).
    public func report(_ step: ProgressStep) async {
        let advanced = last.withLock { last -> Bool in
            if let previous = last, step.done <= previous.done { return false }
            last = step
            return true
        }
        guard advanced, let token, let send else { return }
        await send(ProgressNotification.Parameters(progressToken: token, progress: step.done, total: step.total,
                                                   message: step.message))
    }

    /// Runs `body` with a continuation for the SDK's progress values of type `Step`, reporting each as `describe` says,
    /// and returns once `body` has returned and every value it yielded has been reported.
    public func forwarding<Step: Sendable, Result: Sendable>(
        _ type: Step.Type, describe: @escaping @Sendable (Step) -> ProgressStep,
        _ body: (AsyncStream<Step>.Continuation) async throws -> Result
    ) async throws -> Result {
        let (stream, continuation) = AsyncStream.makeStream(of: Step.self, bufferingPolicy: .bufferingNewest(1))
        async let forwarded: Void = forward(stream, describe)
        do {
            let result = try await body(continuation)
            continuation.finish()
            await forwarded
            return result
        } catch {
            continuation.finish()
            await forwarded
            throw error
        }
    }

    private func forward<Step: Sendable>(_ stream: AsyncStream<Step>, _ describe: @Sendable (Step) -> ProgressStep) async {
        for await value in stream { await report(describe(value)) }
    }
}

/// How far a call has got: `done` of `total` (bytes or records), with a message for people.
public struct ProgressStep: Sendable, Hashable {
    /// Bytes or records done so far.
    public var done: Double
    /// Bytes or records in all, when known.
    public var total: Double?
    /// The step in words ("uploaded 8.0 of 64.0 MiB (chunk 1 of 8)").
    public var message: String

    /// A step of `done` of `total`, described by `message`.
    public init(done: Double, total: Double?, message: String) {
        self.done = done
        self.total = total
        self.message = message
    }

    /// The step as a result's members (for a cancelled call: what was done).
    var members: [String: Value] {
        var members: [String: Value] = ["done": Value(JSONValue.number(done)), "message": .string(message)]
        if let total { members["total"] = Value(JSONValue.number(total)) }
        return members
    }
}
