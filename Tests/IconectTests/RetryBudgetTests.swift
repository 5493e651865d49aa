import Testing

@testable import Iconect

/// The budget refills one token per second of its clock; these tests drive that clock by hand, so no balance depends on
/// how fast the machine runs them.
@Suite("RetryBudget", .timeLimit(.minutes(2)))
struct RetryBudgetTests {
    static func budget(capacity: Double, deposit: Double, clock: ManualClock = ManualClock()) -> RetryBudget {
        RetryBudget(policy: RetryPolicy(budgetCapacity: capacity, budgetDepositPerSuccess: deposit), clock: { clock.now })
    }

    @Test func startsFullAndSpendsOneTokenPerRetry() {
        let budget = Self.budget(capacity: 3, deposit: 0.5)
        #expect(budget.balance == 3)
        #expect(budget.withdraw())
        #expect(budget.withdraw())
        #expect(budget.withdraw())
        #expect(!budget.withdraw(), "the fourth retry finds the budget spent")
        #expect(budget.balance == 0)
    }

    @Test func successesEarnRetriesBack() {
        let budget = Self.budget(capacity: 2, deposit: 0.5)
        #expect(budget.withdraw())
        #expect(budget.withdraw())
        #expect(!budget.withdraw())
        budget.recordSuccess()
        #expect(!budget.withdraw(), "half a token is not a retry")
        budget.recordSuccess()
        #expect(budget.withdraw(), "two successes at 0.5 earn one retry")
        #expect(!budget.withdraw())
        #expect(budget.balance == 0)
    }

    @Test func balanceNeverExceedsCapacity() {
        let budget = Self.budget(capacity: 2, deposit: 1)
        for _ in 0..<100 { budget.recordSuccess() }
        #expect(budget.balance == 2)
        #expect(budget.withdraw())
        #expect(budget.withdraw())
        #expect(!budget.withdraw())
    }

    @Test func zeroDepositEarnsNothing() {
        let budget = Self.budget(capacity: 1, deposit: 0)
        #expect(budget.withdraw())
        for _ in 0..<10 { budget.recordSuccess() }
        #expect(!budget.withdraw())
    }

    @Test func zeroCapacityNeverRetries() {
        let clock = ManualClock()
        let budget = Self.budget(capacity: 0, deposit: 1, clock: clock)
        budget.recordSuccess()
        clock.advance(.seconds(60))
        #expect(!budget.withdraw())
        #expect(budget.balance == 0)
    }

    @Test func theClockRefillsOneTokenASecondUpToCapacity() {
        let clock = ManualClock()
        let budget = Self.budget(capacity: 3, deposit: 0, clock: clock)
        for _ in 0..<3 { #expect(budget.withdraw()) }
        #expect(!budget.withdraw())
        clock.advance(.milliseconds(500))
        #expect(!budget.withdraw(), "half a token is not a retry")
        clock.advance(.milliseconds(500))
        #expect(budget.withdraw(), "a whole second refilled one token")
        #expect(!budget.withdraw())
        clock.advance(.seconds(3600))
        #expect(budget.balance == 3, "an idle hour refills to capacity, not beyond")
    }

    @Test func concurrentWithdrawalsNeverOverspend() async {
        let budget = Self.budget(capacity: 50, deposit: 0)
        let granted = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<50).reduce(0) { count, _ in count + (budget.withdraw() ? 1 : 0) } }
            }
            return await group.reduce(0, +)
        }
        #expect(granted == 50)
        #expect(budget.balance == 0)
    }
}
