import Synchronization

/// Holds the fault rules, their remaining budgets and the seeded probability generator.
final class FaultEngine: Sendable {
    private struct State {
        var rules: [FaultRule]
        var remaining: [Int?]
        var skipped: [Int]
        var random: SeededRandom

        init(rules: [FaultRule], random: SeededRandom) {
            self.rules = rules
            self.remaining = rules.map(\.times)
            self.skipped = rules.map { _ in 0 }
            self.random = random
        }
    }

    private let state: Mutex<State>
    private let seed: UInt64

    init(rules: [FaultRule], seed: UInt64) {
        self.seed = seed
        state = Mutex(State(rules: rules, random: SeededRandom(seed: seed ^ 0xFA17)))
    }

    /// Replaces the rule set (budgets start afresh).
    func setRules(_ rules: [FaultRule]) {
        state.withLock { state in
            state.rules = rules
            state.remaining = rules.map(\.times)
            state.skipped = rules.map { _ in 0 }
        }
    }

    /// Clears the rules and restarts the generator.
    func reset(rules: [FaultRule] = []) {
        state.withLock { state in
            state = State(rules: rules, random: SeededRandom(seed: seed ^ 0xFA17))
        }
    }

    var rules: [FaultRule] {
        state.withLock { $0.rules }
    }

    /// The rule that applies to this request, spending one unit of its budget; nil when none does.
    func match(method: String, rawPath: String) -> FaultRule? {
        state.withLock { state -> FaultRule? in
            for index in state.rules.indices {
                let rule = state.rules[index]
                if let wanted = rule.method, wanted.uppercased() != method { continue }
                guard Glob.matches(rule.path, rawPath) else { continue }
                if let left = state.remaining[index], left <= 0 { continue }
                if state.skipped[index] < rule.skip {
                    state.skipped[index] += 1
                    continue
                }
                if rule.probability < 1 {
                    guard state.random.unit() < rule.probability else { continue }
                }
                if let left = state.remaining[index] { state.remaining[index] = left - 1 }
                return rule
            }
            return nil
        }
    }
}
