import Foundation

/// A validated `GET /records/search` query.
struct RecordQuery {
    let projectId: String
    let text: String?
    let tags: Set<String>?
    let statuses: Set<String>?
    let assignedTo: Set<String>?
    let folderId: String?
    let dateField: String?
    let dateFrom: Double?
    let dateTo: Double?
    let conditions: [FilterCondition]
    private let conditionKeys: [RecordKey]
    private let dateKey: RecordKey?
    let sortBy: String?
    let descending: Bool
    let projection: RecordProjection
    /// Identifies the matching id list for the search cache (everything but paging and projection).
    let cacheKey: String
    private let asciiNeedle: [UInt8]?
    private let excludeDeleted: Bool

    init(_ query: QueryParameters, paging: Paging) throws(APIError) {
        let conditions = try FilterCondition.parse(query)
        var errors = ValidationErrors()
        let projectId = query["projectId"]?.trimming(" ") ?? ""
        if projectId.isEmpty { errors.add("projectId", "projectId is required") }
        self.projectId = projectId
        let text = query["query"]?.trimming(" ")
        self.text = (text?.isEmpty ?? true) ? nil : text?.lowercased()
        if let needle = self.text, needle.utf8.allSatisfy({ $0 < 0x80 }) {
            asciiNeedle = Array(needle.utf8)
        } else {
            asciiNeedle = nil
        }
        tags = query.list("tags").map(Set.init)
        let statuses = query.list("status").map(Set.init)
        if let statuses {
            let valid = Set(RecordStatus.allCases.map(\.rawValue))
            let invalid = statuses.subtracting(valid)
            if !invalid.isEmpty { errors.add("status", "status must be among: \(RecordStatus.allCases.map(\.rawValue).joined(separator: ", "))") }
        }
        self.statuses = statuses
        assignedTo = query.list("assignedTo").map(Set.init)
        folderId = query["folderId"].flatMap { $0.isEmpty ? nil : $0 }
        let from = query["dateRange.from"]
        let to = query["dateRange.to"]
        dateFrom = from.flatMap { $0.isEmpty ? nil : ISODate.parse($0) }
        dateTo = to.flatMap { $0.isEmpty ? nil : Self.endOfRange($0) }
        if let from, !from.isEmpty, dateFrom == nil { errors.add("dateRange.from", "dateRange.from must be an ISO-8601 date") }
        if let to, !to.isEmpty, dateTo == nil { errors.add("dateRange.to", "dateRange.to must be an ISO-8601 date") }
        let field = query["dateRange.field"]
        dateField = (dateFrom != nil || dateTo != nil) ? ((field?.isEmpty ?? true) ? "createdDate" : field) : nil
        try errors.throwIfAny()
        self.conditions = conditions
        conditionKeys = conditions.map { RecordKey($0.key) }
        dateKey = dateField.map(RecordKey.init)
        sortBy = paging.sortBy
        descending = paging.descending
        projection = RecordProjection(selected: query.list("fields").map(Set.init))
        excludeDeleted = statuses == nil && !conditions.contains { $0.key == "status" }
        cacheKey = query.pairs
            .filter { !["page", "pageSize", "fields"].contains($0.name) }
            .map { $0.name + "=" + $0.value }
            .sorted()
            .joined(separator: "&")
    }

    /// A bare date as the upper bound covers that whole day.
    private static func endOfRange(_ text: String) -> Double? {
        guard let instant = ISODate.parse(text) else { return nil }
        return text.count == 10 ? instant + 86_399.999 : instant
    }

    /// Whether the record at `row` matches (read in place through the pointer, never copied).
    func matches(_ row: UnsafePointer<RecordRow>) -> Bool {
        guard row.pointee.projectId == projectId else { return false }
        let status = row.pointee.status
        if excludeDeleted, status == .deleted { return false }
        if let statuses, !statuses.contains(status.rawValue) { return false }
        if let folderId, row.pointee.folderId != folderId { return false }
        if let assignedTo {
            guard let assignee = row.pointee.assignedTo, assignedTo.contains(assignee) else { return false }
        }
        if let tags {
            guard row.pointee.tags?.contains(where: tags.contains) == true else { return false }
        }
        if let dateKey, !matchesDateRange(row.pointee.probe(dateKey)) { return false }
        for index in conditions.indices where !conditions[index].matches(row.pointee.probe(conditionKeys[index])) { return false }
        if text != nil, !matchesText(row) { return false }
        return true
    }

    private func matchesDateRange(_ probe: FieldProbe) -> Bool {
        let instant: Double?
        switch probe {
        case .instant(let seconds): instant = Double(seconds)
        case .json(.string(let text)): instant = ISODate.parse(text)
        default: instant = nil
        }
        guard let instant else { return false }
        if let dateFrom, instant < dateFrom { return false }
        if let dateTo, instant > dateTo { return false }
        return true
    }

    private func matchesText(_ row: UnsafePointer<RecordRow>) -> Bool {
        if contains(row.pointee.documentId) { return true }
        for entry in row.pointee.fields {
            switch entry.value {
            case .string(let value): if contains(value) { return true }
            case .array(let values):
                for case .string(let value) in values where contains(value) { return true }
            default: continue
            }
        }
        return false
    }

    private func contains(_ haystack: String) -> Bool {
        guard let asciiNeedle else {
            guard let text else { return true }
            return haystack.range(of: text, options: [.caseInsensitive]) != nil
        }
        if let found = haystack.utf8.withContiguousStorageIfAvailable({ Self.asciiContains($0, asciiNeedle) }) { return found }
        return Self.asciiContains(Array(haystack.utf8), asciiNeedle)
    }

    private static func asciiContains<C: RandomAccessCollection>(_ haystack: C, _ needle: [UInt8]) -> Bool
    where C.Element == UInt8, C.Index == Int {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        let lastStart = haystack.startIndex + haystack.count - needle.count
        var index = haystack.startIndex
        while index <= lastStart {
            if lower(haystack[index]) == first {
                var offset = 1
                while offset < needle.count, lower(haystack[index + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }
}
