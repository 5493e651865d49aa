import Foundation
@testable import IconectCLI
import Testing

/// The pieces of a job's progress bar: its speed and time left, the board's total learnt from its jobs, `--timeout`.
struct JobProgressTests {
    @Test func theRateCountsFromWhenTheJobFirstMoved() {
        let start = ContinuousClock.now
        var rate = ItemRate()
        #expect(rate.observe(done: 0, total: 0, at: start).perSecond == 0)              // pending: total unknown
        #expect(rate.observe(done: 0, total: 1_000, at: start + .seconds(30)).remaining == nil)  // queued for 30 s
        let moving = rate.observe(done: 200, total: 1_000, at: start + .seconds(31))   // 200 items in the last second
        #expect(moving.perSecond == 200)
        #expect(moving.remaining == .seconds(4))
        let later = rate.observe(done: 600, total: 1_000, at: start + .seconds(33))
        #expect(later.perSecond == 200)
        #expect(later.remaining == .seconds(2))
        #expect(rate.observe(done: 1_000, total: 1_000, at: start + .seconds(35)).remaining == .zero)
    }

    @Test func aJobAlreadyMovingCountsFromTheFirstSnapshot() {
        let start = ContinuousClock.now
        var rate = ItemRate()
        _ = rate.observe(done: 5_000, total: 10_000, at: start)
        let step = rate.observe(done: 5_500, total: 10_000, at: start + .milliseconds(500))
        #expect(step.perSecond == 1_000)
        #expect(step.remaining == .milliseconds(4_500))
    }

    @Test func theBoardsTotalIsTheSumOfItsJobsTotals() {
        let board = ProgressBoard(summingTaskTotalsOf: 2)
        board.start(0, name: "job_1", total: nil)
        board.start(1, name: "job_2", total: 300)
        #expect(board.drain().overall.total == 300)
        board.update(0, done: 0, total: 1_000, perSecond: 0, remaining: nil)
        board.update(0, done: 500, total: 1_000, perSecond: 0, remaining: nil)
        #expect(board.drain().overall.total == 1_300)
        board.update(1, done: 100, total: 400, perSecond: 0, remaining: nil)   // a total that grows
        board.finish(0, message: nil)
        let overall = board.drain().overall
        #expect(overall.total == 1_400)
        #expect(overall.done == 600)
        #expect(overall.finishedTasks == 1)
    }

    @Test(arguments: [("90", 90_000), ("90s", 90_000), ("1.5m", 90_000), ("2h", 7_200_000), (" 15M ", 900_000), ("0.25", 250)])
    func timeouts(argument: String, milliseconds: Int64) {
        #expect(WaitTimeout(argument: argument)?.duration == .milliseconds(milliseconds))
    }

    @Test(arguments: ["", "0", "-5", "10d", "m", "abc", "nan", "inf"])
    func badTimeouts(argument: String) {
        #expect(WaitTimeout(argument: argument) == nil)
    }
}
