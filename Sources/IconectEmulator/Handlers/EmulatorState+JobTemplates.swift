import Foundation
import HTTPTypes

/// Job templates (seeded, read-only), jobs created from them, and job schedules with cron and time zone checks.
extension EmulatorState {
    /// The system job templates every emulator starts with.
    func seedJobTemplates(stamp: JSON) {
        func parameter(_ name: String, _ type: String, required: Bool = false, _ description: String) -> JSON {
            ["name": .string(name), "type": .string(type), "required": .bool(required), "description": .string(description)]
        }
        let templates: [(String, String, String, [JSON], [String: JSON])] = [
            ("Import records", "import", "Creates a record from each line of an uploaded NDJSON or CSV file.",
             [parameter("fileId", "string", required: true, "The uploaded file"), parameter("format", "string", "ndjson or csv"),
              parameter("folderId", "string", "The folder of the new records"), parameter("maxErrors", "integer", "Failed lines allowed")],
             [:]),
            ("Delete records by query", "delete", "Deletes the records of the project that match a filter.",
             [parameter("filter", "object", required: true, "The records to delete"), parameter("permanent", "boolean", "Remove for good")],
             ["permanent": false]),
            ("Nightly export", "export", "Exports the project's records.",
             [parameter("format", "string", "csv or json")], ["format": "csv", "totalItems": 100]),
            ("Project backup", "backup", "Backs the project up.", [], ["totalItems": 50]),
        ]
        for (name, type, description, parameters, configuration) in templates {
            store("jobtemplates")?.put([
                "id": .string(ids.next("jtp")), "name": .string(name), "description": .string(description), "type": .string(type),
                "isSystem": true, "parameters": .array(parameters), "configuration": .object(configuration),
                "createdDate": stamp, "modifiedDate": stamp,
            ])
        }
    }

    /// `POST /jobs/from-template {templateId, name, projectId, parameters, priority?, scheduledStart?, assignedTo?}`: the
    /// template's configuration with the parameters over it; a required parameter missing is named as `parameters.<name>`.
    func createJobFromTemplate(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        var errors = ValidationErrors()
        let templateId = body["templateId"]?.stringValue ?? ""
        if templateId.isEmpty { errors.add("templateId", "templateId is required") }
        let parameters = body["parameters"]?.objectValue ?? [:]
        if body["parameters"]?.objectValue == nil { errors.add("parameters", "parameters is required (an object)") }
        try errors.throwIfAny()
        guard let template = store("jobtemplates")?.get(templateId) else {
            throw APIError.validation("templateId", "JobTemplate '\(templateId)' does not exist")
        }
        for declared in template["parameters"]?.arrayValue ?? [] where declared["required"] == .bool(true) {
            if let name = declared["name"]?.stringValue, parameters[name] == nil {
                errors.add("parameters." + name, "parameters.\(name) is required by template '\(templateId)'")
            }
        }
        try errors.throwIfAny()
        var configuration = template["configuration"]?.objectValue ?? [:]
        configuration.merge(parameters) { _, given in given }
        var job = body
        job["templateId"] = .string(templateId)
        job["parameters"] = nil
        job["configuration"] = .object(configuration)
        return try insertJob(type: template["type"]?.stringValue ?? "custom", body: job, actor: request.actor)
    }

    func createJobSchedule(_ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore("jobschedules")
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys.union(["nextRunAt", "projectId"]) { body[key] = nil }
        try store.spec.validate(body, creating: true)
        try checkReferences(store.spec, body)
        var object = newObject(store.spec, body: body, actor: request.actor)
        try Self.schedule(&object)
        store.put(object)
        return .json(.object(object), status: .created)
    }

    func updateJobSchedule(_ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore("jobschedules")
        let id = request.param("id")
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys.union(["nextRunAt", "projectId", "jobTemplateId"]) { body[key] = nil }
        try store.spec.validate(body, creating: false)
        let updated = try store.update(id) { (schedule: inout [String: JSON]) throws(APIError) in
            var changed = schedule
            for (key, value) in body where !(value == .null && store.spec.required.contains(key)) {
                changed[key] = value == .null ? nil : value
            }
            changed["modifiedDate"] = .string(ISODate.string(ISODate.nowSeconds))
            try Self.schedule(&changed)
            schedule = changed
        }
        guard let updated else { throw APIError.notFound("JobSchedule", id) }
        return .json(.object(updated))
    }

    /// Checks the cron expression and time zone (naming the field) and sets `nextRunAt` (null while inactive) and the
    /// `projectId` of the configuration.
    static func schedule(_ schedule: inout [String: JSON]) throws(APIError) {
        var errors = ValidationErrors()
        var cron: CronSchedule?
        do throws(CronSchedule.Invalid) {
            cron = try CronSchedule(schedule["cronExpression"]?.stringValue ?? "")
        } catch {
            errors.add("cronExpression", error.message)
        }
        let zoneName = schedule["timezone"]?.stringValue ?? "UTC"
        let zone = TimeZone(identifier: zoneName)
        if zone == nil { errors.add("timezone", "timezone '\(zoneName)' is not an IANA time zone (such as Europe/Paris)") }
        try errors.throwIfAny()
        schedule["projectId"] = schedule["configuration"]?["projectId"]
        guard schedule["isActive"] != .bool(false), let cron, let zone,
              let next = cron.nextRun(after: Date(), in: zone) else {
            schedule["nextRunAt"] = .null
            return
        }
        schedule["nextRunAt"] = .string(ISODate.string(Int64(next.timeIntervalSince1970)))
    }
}
