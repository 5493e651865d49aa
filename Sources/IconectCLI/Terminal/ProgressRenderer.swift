import Foundation
import Synchronization

/// Draws a ``ProgressBoard`` on a stream: on a terminal, one bar per task in flight and one for the whole job, redrawn in
/// place ten times a second; elsewhere (a pipe, a file, a CI log) a plain line every second when something changed, with
/// no control characters. Lines the board queues (a file finished) are printed once, above the bars.
final class ProgressRenderer: Sendable {
    enum Style: Sendable {
        case bars
        case lines
    }

    private let board: ProgressBoard
    private let stream: ConsoleStream
    private let style: Style
    private let unit: ProgressUnit
    /// What the job is (`upload`), and what its tasks are called in the plural (`files`).
    private let title: String
    private let taskNoun: String
    private let drawn = Mutex<(lines: Int, plain: String)>((0, ""))

    /// A renderer drawing bars when `stream` is a terminal (or in the given `style`), plain lines otherwise.
    init(board: ProgressBoard, stream: ConsoleStream, unit: ProgressUnit, title: String, taskNoun: String, style: Style? = nil) {
        self.board = board
        self.stream = stream
        self.style = style ?? (stream.isTerminal ? .bars : .lines)
        self.unit = unit
        self.title = title
        self.taskNoun = taskNoun
    }

    /// Runs `work` while drawing the board, with `notices` shown above the bars, then draws the last frame.
    func drawing<T>(notices: Notices, _ work: () async throws -> T) async rethrows -> T {
        notices.show(on: board)
        let ticker = Task { await run() }
        func stop() async {
            ticker.cancel()
            await ticker.value
            finish()
            notices.show(on: nil)
        }
        do {
            let result = try await work()
            await stop()
            return result
        } catch {
            await stop()
            throw error
        }
    }

    /// Redraws until the calling task is cancelled.
    private func run() async {
        let interval: Duration = style == .bars ? .milliseconds(100) : .seconds(1)
        while !Task.isCancelled {
            render(final: false)
            try? await Task.sleep(for: interval)
        }
    }

    /// Draws the last frame: the queued lines and the job's final tally, with the bars removed.
    func finish() {
        render(final: true)
    }

    /// Draws one frame; the last one (`final`) removes the bars and prints the tally.
    func render(final: Bool) {
        let (tasks, overall, messages) = board.drain()
        let frame: String = drawn.withLock { drawn in
            var text = ""
            switch style {
            case .bars:
                // Back to the top of the bars drawn last time, and clear from there down.
                if drawn.lines > 0 { text += "\u{1B}[\(drawn.lines)A\r\u{1B}[J" }
                for message in messages { text += message + "\n" }
                if final {
                    text += summary(overall, final: true) + "\n"
                    drawn.lines = 0
                } else {
                    let width = stream.width
                    let shown = tasks.prefix(8)
                    for task in shown { text += fit(bar(name: task.name, done: task.done, total: task.total, perSecond: task.perSecond,
                                                        remaining: task.remaining, width: width), width) + "\n" }
                    text += fit(bar(name: overallName(overall), done: overall.done, total: overall.total,
                                    perSecond: overall.perSecond, remaining: overall.remaining, width: width), width) + "\n"
                    drawn.lines = shown.count + 1
                }
            case .lines:
                for message in messages { text += message + "\n" }
                let line = summary(overall, final: final)
                if final || (line != drawn.plain && overall.done > 0) {
                    text += line + "\n"
                    drawn.plain = line
                }
            }
            return text
        }
        if !frame.isEmpty { try? stream.write(frame) }
    }

    /// `upload: 3/10 files, 12.3 MB of 45.6 MB (27%), 45.2 MB/s, ETA 0:03`: the plain form, with no control characters
    /// (the final one without the ETA).
    private func summary(_ overall: ProgressBoard.Overall, final: Bool) -> String {
        var parts: [String] = []
        if let count = overall.taskCount { parts.append("\(overall.finishedTasks)/\(count) \(taskNoun)") }
        var amount = unit.amount(overall.done)
        if let total = overall.total {
            amount += " of \(unit.amount(total))"
            if let percent = ProgressUnit.percent(overall.done, of: total) { amount += " (\(percent))" }
        }
        parts.append(amount)
        parts.append(unit.rate(overall.perSecond))
        if overall.total != nil, !final { parts.append("ETA \(ProgressUnit.clock(overall.remaining))") }
        return "\(title): " + parts.joined(separator: ", ")
    }

    private func overallName(_ overall: ProgressBoard.Overall) -> String {
        overall.taskCount.map { "\(title) \(overall.finishedTasks)/\($0) \(taskNoun)" } ?? title
    }

    /// `name  [██████░░░░░░]  45%  12.3 MB/27.0 MB  45.2 MB/s  ETA 0:03`, the name shortened from the left to fit.
    private func bar(name: String, done: Int64, total: Int64?, perSecond: Double, remaining: Duration?, width: Int) -> String {
        var tail: [String] = []
        if let total, total > 0 {
            let filled = min(20, Int(Double(done) / Double(total) * 20))
            tail.append("[" + String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled) + "]")
            tail.append((ProgressUnit.percent(done, of: total) ?? "").leftPadded(4))
            tail.append("\(unit.amount(done))/\(unit.amount(total))")
        } else {
            tail.append(unit.amount(done))
        }
        tail.append(unit.rate(perSecond))
        if total != nil { tail.append("ETA \(ProgressUnit.clock(remaining))") }
        let right = tail.joined(separator: "  ")
        let room = max(8, min(40, width - right.count - 3))
        return shorten(name, to: room).padding(toLength: room, withPad: " ", startingAt: 0) + "  " + right
    }

    private func shorten(_ text: String, to length: Int) -> String {
        text.count <= length ? text : "…" + text.suffix(length - 1)
    }

    /// Cuts a line to the terminal's width, so that it never wraps (a wrapped line would break the redraw).
    private func fit(_ line: String, _ width: Int) -> String {
        line.count < width ? line : String(line.prefix(max(1, width - 1)))
    }
}

extension String {
    /// The string with spaces in front, to `length` characters.
    func leftPadded(_ length: Int) -> String {
        count >= length ? self : String(repeating: " ", count: length - count) + self
    }
}
