import HTTPTypes
/// Record relationships.
extension EmulatorState {
    func relationships(of recordId: String, type: String?) -> [[String: JSON]] {
        store("relationships")?.filter { object in
            let touches = object["sourceRecordId"]?.stringValue == recordId || object["targetRecordId"]?.stringValue == recordId
            return touches && (type == nil || object["relationshipType"]?.stringValue == type)
        } ?? []
    }

    func createRelationship(_ request: APIRequest) throws(APIError) -> Reply {
        try createObject("relationships", request)
    }

    func listRelationships(_ request: APIRequest) throws(APIError) -> Reply {
        let recordId = request.param("recordId")
        _ = try requireRecord(recordId)
        let paging = try Paging(request.query, maxPageSize: 100)
        let type = request.query["type"] ?? request.query["relationshipType"]
        let all = relationships(of: recordId, type: (type?.isEmpty ?? true) ? nil : type)
        let window = paging.range(total: all.count)
        return .json(paging.envelope(total: all.count) { writer in
            for object in all[window] { writer.value(.object(object)) }
        })
    }

    func deleteRelationship(_ request: APIRequest) throws(APIError) -> Reply {
        try deleteObject("relationships", request)
    }
}
