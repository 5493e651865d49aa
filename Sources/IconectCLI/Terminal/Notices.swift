import Synchronization

/// Where a message for the user goes while a command runs (such as "interrupted: stopping cleanly"): above the progress
/// bars when a command draws them, so that the redraw stays in step, else on standard error.
final class Notices: Sendable {
    private let board = Mutex<ProgressBoard?>(nil)

    /// Sends messages to `board` from now on (nil: back to standard error).
    func show(on board: ProgressBoard?) {
        self.board.withLock { $0 = board }
    }

    /// Shows `text` to the user.
    func post(_ text: String) {
        if let board = board.withLock({ $0 }) {
            board.message(text)
        } else {
            ConsoleStream.standardError.print(text)
        }
    }
}
