import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Job queues, job templates and job schedules", .timeLimit(.minutes(10)))
struct JobQueueTests {
    @Test("a queue runs at most maxConcurrentJobs, in its processing order; an inactive queue starts none", arguments: TransportKind.allCases)
    func queueLimitsAndOrder(transport: TransportKind) async throws {
        try await withEmulator(JobControlTests.manualClock, transport: transport) { emulator, client in
            let queue = try await client.jobs.queues.create(NewJobQueue(name: "Productions", projectId: emulator.seed.projectId,
                                                                        maxConcurrentJobs: 2, processingOrder: .priority))
            #expect(queue.maxConcurrentJobs == 2)
            #expect(queue.isActive == true)
            var jobs: [Job] = []
            for priority in [Priority.low, .normal, .critical, .high] {
                jobs.append(try await JobControlTests.customJob(client, emulator, items: 1_000, priority: priority, queueId: queue.id,
                                                                name: priority.rawValue))
            }
            emulator.advanceJobs()
            let running = try await client.jobs.list(status: .running).data.map(\.name)
            #expect(Set(running) == ["critical", "high"])
            #expect(Set(try await client.jobs.list(status: .queued).data.map(\.name)) == ["low", "normal"])

            _ = try await client.jobs.control(id: jobs[2].id, action: .pause)
            emulator.advanceJobs()
            #expect(Set(try await client.jobs.list(status: .running).data.map(\.name)) == ["high", "normal"])

            _ = try await client.jobs.queues.update(id: queue.id, JobQueueChanges(isActive: false))
            _ = try await client.jobs.control(id: jobs[3].id, action: .pause)
            emulator.advanceJobs()
            #expect(try await client.jobs.list(status: .running).data.map(\.name) == ["normal"])
            #expect(try await client.jobs.list(status: .queued).data.map(\.name) == ["low"])

            let widened = try await client.jobs.queues.update(id: queue.id, JobQueueChanges(maxConcurrentJobs: 4, isActive: true))
            #expect(widened.maxConcurrentJobs == 4)
            emulator.advanceJobs()
            #expect(try await client.jobs.list(status: .running).total == 2)
            #expect(try await client.jobs.list(status: .queued).total == 0)
        }
    }

    @Test("fifo and lifo queues start the oldest and the newest job first", arguments: TransportKind.allCases)
    func fifoAndLifo(transport: TransportKind) async throws {
        try await withEmulator(JobControlTests.manualClock, transport: transport) { emulator, client in
            for order in [JobProcessingOrder.fifo, .lifo] {
                let queue = try await client.jobs.queues.create(NewJobQueue(name: order.rawValue, projectId: emulator.seed.projectId,
                                                                            maxConcurrentJobs: 1, processingOrder: order))
                for index in 1...3 {
                    _ = try await JobControlTests.customJob(client, emulator, items: 10_000, queueId: queue.id, name: "\(order)-\(index)")
                }
            }
            emulator.advanceJobs()
            #expect(Set(try await client.jobs.list(status: .running).data.map(\.name)) == ["fifo-1", "lifo-3"])
        }
    }

    @Test("queue CRUD round trip and validation", arguments: TransportKind.allCases)
    func queueCrud(transport: TransportKind) async throws {
        try await withEmulator(JobControlTests.manualClock, transport: transport) { emulator, client in
            let created = try await client.jobs.queues.create(NewJobQueue(name: "Q", projectId: emulator.seed.projectId,
                                                                          description: "night", priority: .high,
                                                                          retryPolicy: ["maxAttempts": 3]))
            #expect(created.processingOrder == .fifo)
            #expect(created.maxConcurrentJobs == 1)
            #expect(try await client.jobs.queues.get(id: created.id) == created)
            #expect(try await client.jobs.queues.list(projectId: emulator.seed.projectId).data.map(\.id) == [created.id])
            #expect(try await client.jobs.queues.paginate(isActive: false).collect().isEmpty)
            let tooFew = try await expectIconectError {
                try await client.jobs.queues.create(NewJobQueue(name: "Q", projectId: emulator.seed.projectId, maxConcurrentJobs: 0))
            }
            #expect(Array(tooFew.fieldErrors.keys) == ["maxConcurrentJobs"])
            let noProject = try await expectIconectError {
                try await client.jobs.queues.create(NewJobQueue(name: "Q", projectId: "prj_nope"))
            }
            #expect(Array(noProject.fieldErrors.keys) == ["projectId"])
            try await client.jobs.queues.delete(id: created.id)
            #expect(try await expectIconectError { try await client.jobs.queues.get(id: created.id) }.code == .notFound)
            let unknown = try await expectIconectError {
                try await JobControlTests.customJob(client, emulator, items: 1, queueId: created.id)
            }
            #expect(unknown.fieldErrors["configuration.queueId"] != nil)
        }
    }

    @Test("seeded job templates make jobs; a missing required parameter is named", arguments: TransportKind.allCases)
    func jobsFromTemplates(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(jobStepInterval: nil), transport: transport) { emulator, client in
            let templates = try await client.jobs.templates.list(isSystem: true)
            #expect(templates.total == 4)
            let importTemplate = try #require(try await client.jobs.templates.list(type: .import).data.first)
            #expect(try await client.jobs.templates.get(id: importTemplate.id) == importTemplate)
            #expect(importTemplate.parameters?.first { $0.name == "fileId" }?.required == true)
            #expect(try await client.jobs.templates.paginate().collect().count == 4)

            let missing = try await expectIconectError {
                try await client.jobs.templates.createJob(JobFromTemplate(templateId: importTemplate.id, name: "x",
                                                                          projectId: emulator.seed.projectId, parameters: [:]))
            }
            #expect(missing.fieldErrors["parameters.fileId"] != nil)
            let file = try await client.files.upload(Data("{\"documentId\":\"T1\"}\n".utf8),
                                                     options: JobImportTests.options(emulator, "one.ndjson"))
            let job = try await client.jobs.templates.createJob(JobFromTemplate(
                templateId: importTemplate.id, name: "from template", projectId: emulator.seed.projectId,
                parameters: ["fileId": .string(file.id)], priority: .high))
            #expect(job.type == .import)
            #expect(job.templateId == importTemplate.id)
            #expect(job.configuration?["fileId"] == .string(file.id))
            emulator.advanceJobs(steps: 2)
            #expect(try await client.jobs.get(id: job.id).progress?.successfulItems == 1)

            let backup = try #require(try await client.jobs.templates.list(type: .backup).data.first)
            let backupJob = try await client.jobs.templates.createJob(JobFromTemplate(
                templateId: backup.id, name: "backup", projectId: emulator.seed.projectId, parameters: [:]))
            #expect(backupJob.configuration?["totalItems"] == 50)
        }
    }

    @Test("schedules validate cron and time zone by field and report the next run", arguments: TransportKind.allCases)
    func schedules(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(jobStepInterval: nil), transport: transport) { emulator, client in
            let configuration: [String: JSONValue] = ["projectId": .string(emulator.seed.projectId)]
            let badCron = try await expectIconectError {
                try await client.jobs.schedules.create(NewJobSchedule(name: "x", cronExpression: "0 25 * * *", configuration: configuration))
            }
            #expect(badCron.code == .validation)
            #expect(badCron.fieldErrors["cronExpression"]?.first?.contains("hour '25'") == true)
            let badZone = try await expectIconectError {
                try await client.jobs.schedules.create(NewJobSchedule(name: "x", cronExpression: "0 2 * * *", configuration: configuration,
                                                                      timezone: "Mars/Olympus"))
            }
            #expect(Array(badZone.fieldErrors.keys) == ["timezone"])

            let nightly = try await client.jobs.schedules.create(NewJobSchedule(
                name: "Nightly", cronExpression: "30 2 * * *", configuration: configuration, timezone: "America/New_York"))
            let next = try #require(nightly.nextRunAt)
            #expect(next > Date())
            #expect(next < Date().addingTimeInterval(86_400 + 3_600))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(identifier: "America/New_York"))
            #expect(calendar.dateComponents([.hour, .minute], from: next) == DateComponents(hour: 2, minute: 30))
            #expect(nightly.projectId == emulator.seed.projectId)

            let paused = try await client.jobs.schedules.update(id: nightly.id, JobScheduleChanges(isActive: false))
            #expect(paused.nextRunAt == nil)
            let refused = try await expectIconectError {
                try await client.jobs.schedules.update(id: nightly.id, JobScheduleChanges(cronExpression: "@sometimes"))
            }
            #expect(refused.fieldErrors["cronExpression"] != nil)
            #expect(try await client.jobs.schedules.list(projectId: emulator.seed.projectId).data.map(\.cronExpression) == ["30 2 * * *"])
            #expect(try await client.jobs.schedules.paginate(isActive: true).collect().isEmpty)
            try await client.jobs.schedules.delete(id: nightly.id)
            #expect(try await client.jobs.schedules.list().total == 0)
        }
    }
}
