/// Builds the deterministic review population of the seeded project.
enum RecordSeeder {
    static let custodians = [
        "Alice Chen", "Bob Martinez", "Carol Singh", "David Okafor",
        "Eve Johansson", "Frank Muller", "Grace Kim", "Hiro Tanaka",
    ]
    static let docTypes = ["email", "memo", "contract", "invoice", "spreadsheet"]
    static let reviewers = ["reviewer1", "reviewer2", "reviewer3", "reviewer4", "reviewer5", "reviewer6"]
    static let topics = [
        "Q3 budget review", "Merger due diligence", "Vendor pricing dispute", "Board meeting minutes",
        "Patent licensing terms", "Supply chain delays", "Regulatory inquiry response", "Employee retention plan",
        "Quarterly sales forecast", "Data breach remediation", "Office lease renewal", "Audit findings follow-up",
        "Product recall assessment", "Litigation hold notice", "Marketing campaign launch", "Settlement negotiations",
    ]
    static let tagPool = ["privileged", "hot", "confidential", "needs-review", "produced", "foreign-language"]

    /// Seeds `count` records into `projectId`, deterministically from `seed`.
    static func makeRecords(count: Int, projectId: String, seed: UInt64) -> [RecordRow] {
        guard count > 0 else { return [] }
        var random = SeededRandom(seed: seed)
        // Shared string and array instances keep a million records compact (copy-on-write storage is shared).
        let titles = docTypes.flatMap { type in topics.map { "\(type.prefix(1).uppercased() + type.dropFirst()): \($0)" } }
        let subjects = topics.flatMap { ["Re: \($0)", "Fwd: \($0)", $0] }
        let tagSets: [[String]?] = [nil, nil, nil] + tagPool.map { [$0] } + [
            ["privileged", "confidential"], ["hot", "needs-review"], ["produced", "confidential"], ["hot", "privileged"],
        ]
        let startDay = ISODate.days(year: 2019, month: 1, day: 1)
        let dayCount = Int(ISODate.days(year: 2024, month: 12, day: 31) - startDay) + 1
        let docDates = (0..<dayCount).map { ISODate.dayString((startDay + Int64($0)) * 86_400) }
        let baseCreated = ISODate.days(year: 2024, month: 1, day: 1) * 86_400
        var rows: [RecordRow] = []
        rows.reserveCapacity(count)
        for number in 1...count {
            let typeIndex = random.below(docTypes.count)
            let topicIndex = random.below(topics.count)
            let created = baseCreated + Int64(number) * 29 + Int64(random.below(29))
            let fields: [FieldEntry] = [
                FieldEntry(key: "title", value: .string(titles[typeIndex * topics.count + topicIndex])),
                FieldEntry(key: "custodian", value: .string(custodians[random.below(custodians.count)])),
                FieldEntry(key: "docType", value: .string(docTypes[typeIndex])),
                FieldEntry(key: "docDate", value: .string(docDates[random.below(docDates.count)])),
                FieldEntry(key: "pageCount", value: .number(Double(1 + random.below(12) * random.below(20) + random.below(5)))),
                FieldEntry(key: "responsive", value: .bool(random.unit() < 0.35)),
                FieldEntry(key: "subject", value: .string(subjects[topicIndex * 3 + random.below(3)])),
            ]
            let roll = random.unit()
            let status: RecordStatus = roll < 0.92 ? .active : (roll < 0.97 ? .archived : .processing)
            let priorityRoll = random.unit()
            let priority: RecordPriority = priorityRoll < 0.70 ? .normal : (priorityRoll < 0.80 ? .low : (priorityRoll < 0.95 ? .high : .critical))
            let reviewRoll = random.unit()
            let review: ReviewStatus = reviewRoll < 0.5 ? .pending : (reviewRoll < 0.7 ? .in_review : (reviewRoll < 0.9 ? .approved : .rejected))
            let assignee: String? = random.unit() < 0.6 ? reviewers[random.below(reviewers.count)] : nil
            let modified = created + Int64(random.below(30 * 86_400))
            rows.append(RecordRow(
                id: IdGenerator.format("rec", number),
                documentId: "DOC-" + String(IdGenerator.format("", number).dropFirst()),
                projectId: projectId,
                folderId: nil,
                status: status,
                priority: priority,
                reviewStatus: review,
                assignedTo: assignee,
                tags: tagSets[random.below(tagSets.count)],
                fileIds: nil,
                fields: fields,
                metadata: nil,
                createdDate: created,
                modifiedDate: modified,
                createdBy: "loader",
                modifiedBy: assignee ?? "loader"
            ))
        }
        return rows
    }
}
