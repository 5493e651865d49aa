import Iconect
import MCP

/// Jobs, job queues, job templates and job schedules.
extension ToolTable {
    static let jobs: [MCPTool] = [
        MCPTool("iconect_list_jobs") { arguments, context in
            try await .encoding(context.client.jobs.list(
                projectId: arguments.string("projectId"), type: arguments.value("type", as: JobType.self),
                status: arguments.value("status", as: JobStatus.self), priority: arguments.value("priority", as: Priority.self),
                assignedTo: arguments.string("assignedTo"), createdBy: arguments.string("createdBy"),
                dateRange: arguments.dateRange("dateRange"), arguments.pagingOptions()))
        },
        MCPTool("iconect_get_job") { arguments, context in
            try await .encoding(context.client.jobs.get(
                id: arguments.requiredString("id"), includeProgress: arguments.bool("includeProgress"),
                includeResults: arguments.bool("includeResults"), includeLogs: arguments.bool("includeLogs")))
        },
        MCPTool("iconect_create_import_job") { arguments, context in
            try await .encoding(context.client.jobs.createImport(newJob(arguments)))
        },
        MCPTool("iconect_create_delete_job") { arguments, context in
            try await .encoding(context.client.jobs.createDelete(newJob(arguments)))
        },
        MCPTool("iconect_create_custom_job") { arguments, context in
            try await .encoding(context.client.jobs.createCustom(newJob(arguments), type: arguments.requiredValue("type", as: JobType.self)))
        },
        MCPTool("iconect_update_job") { arguments, context in
            try await .encoding(context.client.jobs.update(id: arguments.requiredString("id"), JobChanges(
                name: arguments.string("name"), description: arguments.string("description"),
                priority: arguments.value("priority", as: Priority.self), scheduledStart: arguments.date("scheduledStart"),
                assignedTo: arguments.string("assignedTo"), configuration: arguments.object("configuration"),
                metadata: arguments.object("metadata"))))
        },
        MCPTool("iconect_control_job") { arguments, context in
            try await .encoding(context.client.jobs.control(
                id: arguments.requiredString("id"), action: arguments.requiredValue("action", as: JobControlAction.self),
                reason: arguments.string("reason")))
        },
        MCPTool("iconect_delete_job") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.jobs.delete(id: id)
            return .deleted(id)
        },
        MCPTool("iconect_get_job_logs") { arguments, context in
            try await .encoding(context.client.jobs.logs(
                id: arguments.requiredString("id"), level: arguments.value("level", as: JobLogLevel.self),
                startTime: arguments.date("startTime"), endTime: arguments.date("endTime"), page: arguments.int("page"),
                pageSize: arguments.int("pageSize")))
        },
        MCPTool("iconect_list_job_queues") { arguments, context in
            try await .encoding(context.client.jobs.queues.list(
                projectId: arguments.string("projectId"), isActive: arguments.bool("isActive"), arguments.pagingOptions()))
        },
        MCPTool("iconect_get_job_queue") { arguments, context in
            try await .encoding(context.client.jobs.queues.get(id: arguments.requiredString("id")))
        },
        MCPTool("iconect_create_job_queue") { arguments, context in
            try await .encoding(context.client.jobs.queues.create(NewJobQueue(
                name: arguments.requiredString("name"), projectId: arguments.requiredString("projectId"),
                description: arguments.string("description"), maxConcurrentJobs: arguments.int("maxConcurrentJobs"),
                priority: arguments.value("priority", as: QueuePriority.self),
                processingOrder: arguments.value("processingOrder", as: JobProcessingOrder.self),
                retryPolicy: arguments.object("retryPolicy"))))
        },
        MCPTool("iconect_update_job_queue") { arguments, context in
            try await .encoding(context.client.jobs.queues.update(id: arguments.requiredString("id"), JobQueueChanges(
                name: arguments.string("name"), description: arguments.string("description"),
                maxConcurrentJobs: arguments.int("maxConcurrentJobs"), priority: arguments.value("priority", as: QueuePriority.self),
                isActive: arguments.bool("isActive"), processingOrder: arguments.value("processingOrder", as: JobProcessingOrder.self),
                retryPolicy: arguments.object("retryPolicy"))))
        },
        MCPTool("iconect_delete_job_queue") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.jobs.queues.delete(id: id)
            return .deleted(id)
        },
        MCPTool("iconect_list_job_templates") { arguments, context in
            try await .encoding(context.client.jobs.templates.list(
                projectId: arguments.string("projectId"), type: arguments.value("type", as: JobType.self),
                isSystem: arguments.bool("isSystem"), arguments.pagingOptions()))
        },
        MCPTool("iconect_get_job_template") { arguments, context in
            try await .encoding(context.client.jobs.templates.get(id: arguments.requiredString("id")))
        },
        MCPTool("iconect_create_job_from_template") { arguments, context in
            try await .encoding(context.client.jobs.templates.createJob(JobFromTemplate(
                templateId: arguments.requiredString("templateId"), name: arguments.requiredString("name"),
                projectId: arguments.requiredString("projectId"), parameters: arguments.requiredObject("parameters"),
                priority: arguments.value("priority", as: Priority.self), scheduledStart: arguments.date("scheduledStart"),
                assignedTo: arguments.string("assignedTo"))))
        },
        MCPTool("iconect_list_job_schedules") { arguments, context in
            try await .encoding(context.client.jobs.schedules.list(
                projectId: arguments.string("projectId"), isActive: arguments.bool("isActive"), arguments.pagingOptions()))
        },
        MCPTool("iconect_create_job_schedule") { arguments, context in
            try await .encoding(context.client.jobs.schedules.create(NewJobSchedule(
                name: arguments.requiredString("name"), cronExpression: arguments.requiredString("cronExpression"),
                configuration: arguments.requiredObject("configuration"), description: arguments.string("description"),
                jobTemplateId: arguments.string("jobTemplateId"), timezone: arguments.string("timezone"),
                isActive: arguments.bool("isActive"))))
        },
        MCPTool("iconect_update_job_schedule") { arguments, context in
            try await .encoding(context.client.jobs.schedules.update(id: arguments.requiredString("id"), JobScheduleChanges(
                name: arguments.string("name"), description: arguments.string("description"),
                cronExpression: arguments.string("cronExpression"), timezone: arguments.string("timezone"),
                configuration: arguments.object("configuration"), isActive: arguments.bool("isActive"))))
        },
        MCPTool("iconect_delete_job_schedule") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.jobs.schedules.delete(id: id)
            return .deleted(id)
        },
    ]

    /// The arguments the three job-creating tools share.
    private static func newJob(_ arguments: ToolArguments) throws(ToolArgumentError) -> NewJob {
        NewJob(name: try arguments.requiredString("name"), projectId: try arguments.requiredString("projectId"),
               configuration: try arguments.requiredObject("configuration"), description: try arguments.string("description"),
               priority: try arguments.value("priority", as: Priority.self), scheduledStart: try arguments.date("scheduledStart"),
               assignedTo: try arguments.string("assignedTo"), metadata: try arguments.object("metadata"))
    }
}
