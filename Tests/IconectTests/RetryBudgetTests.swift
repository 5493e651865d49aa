import Testing

@testable import Iconect

/// The budget also refills one token per second of wall time; each test here runs in far less than a second, so a balance
/// that is short by a whole token stays short for the test's duration.
@Suite("RetryBudget")
struct RetryBudgetTests {
    @Test func startsFullAndSpendsOneTokenPerRetry() {
        let budget = RetryBudget(policy: RetryPolicy(budgetCapacity: 3, budgetDepositPerSuccess: 0.5))
        #expect(budget.balance == 3)
        #expect(budget.withdraw())
        #expect(budget.withdraw())
        #expect(budget.withdraw())
        #expect(!budget.withdraw(), "the fourth retry finds the budget spent")
        #expect(budget.balance < 1)
    }

    @Test func successesEarnRetriesBack() {
        let budget = RetryBudget(policy: RetryPolicy(budgetCapacity: 2, budgetDepositPerSuccess: 0.5))
        #expect(budget.withdraw())
        #expect(budget.withdraw())
        #expect(!budget.withdraw())
        budget.recordSuccess()
        #expect(!budget.withdraw(), "half a token is not a retry")
        budget.recordSuccess()
        #expect(budget.withdraw(), "two successes at 0.5 earn one retry")
        #expect(!budget.withdraw())
    }

    @Test func balanceNeverExceedsCapacity() {
        let budget = RetryBudget(policy: RetryPolicy(budgetCapacity: 2, budgetDepositPerSuccess: 1))
        for _ in 0..<100 { budget.recordSuccess() }
        #expect(budget.balance == 2)
        #expect(budget.withdraw())
        #expect(budget.withdraw())
        #expect(!budget.withdraw())
    }

    @Test func zeroDepositEarnsNothing() {
        let budget = RetryBudget(policy: RetryPolicy(budgetCapacity: 1, budgetDepositPerSuccess: 0))
        #expect(budget.withdraw())
        for _ in 0..<10 { budget.recordSuccess() }
        #expect(!budget.withdraw())
    }

    @Test func zeroCapacityNeverRetries() {
        let budget = RetryBudget(policy: RetryPolicy(budgetCapacity: 0, budgetDepositPerSuccess: 1))
        budget.recordSuccess()
        #expect(!budget.withdraw())
        #expect(budget.balance == 0)
    }

    @Test func concurrentWithdrawalsNeverOverspend() async {
        let budget = RetryBudget(policy: RetryPolicy(budgetCapacity: 50, budgetDepositPerSuccess: 0))
        let granted = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<50).reduce(0) { count, _ in count + (budget.withdraw() ? 1 : 0) } }
            }
            return await group.reduce(0, +)
        }
        // 50 tokens, plus at most what the clock refilled while the tasks ran.
        #expect(granted >= 50 && granted <= 51)
    }
}
