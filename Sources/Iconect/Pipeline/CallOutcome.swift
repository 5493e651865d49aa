/// What the request pipeline does after one exchange, or after a failure to make one.
enum CallOutcome: Sendable {
    /// A 2xx or 304: the call's answer.
    case done(HTTPAnswer)
    /// A 401 while a refresh is possible: drop `token`, authorise again and send once more (once per call).
    case replayAfter401(token: String)
    /// A 415 to a gzip-compressed body: send it plain, and every later body too.
    case resendUncompressed
    /// A failure the retry policy allows another attempt at, after `wait`.
    case retry(after: Duration)
    /// The call fails with `error`; `answer` is the one that made it fail, when there was one.
    case fail(IconectError, answer: HTTPAnswer?)
}
