extension EmulatorServer {
    /// Steps the job clock `steps` times: due `pending` jobs are queued, `queued` jobs start as their queues allow, and
    /// each `running` job processes one batch (``EmulatorConfiguration/jobBatchSize`` items). With
    /// ``EmulatorConfiguration/jobStepInterval`` set to `nil` this is the only way jobs move, so a test can check a job
    /// between two steps without waiting on a clock.
    /// - Returns: whether a job is still `pending`, `queued` or `running`.
    @discardableResult
    public func advanceJobs(steps: Int = 1) -> Bool {
        var active = state.hasActiveJobs
        for _ in 0..<max(0, steps) { active = state.tickJobs() }
        return active
    }
}
