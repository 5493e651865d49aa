import Foundation
import Testing

@testable import Iconect

@Suite("Model decoding")
struct ModelDecodingTests {
    /// 2024-01-30T10:00:00Z.
    static let reference = Date(timeIntervalSince1970: 1_706_608_800)

    static let recordJSON = """
        {
          "id": "r-1", "documentId": "ABC-000123", "projectId": "p-1", "folderId": "f-1",
          "status": "quarantined", "priority": "urgent", "reviewStatus": "escalated",
          "fields": {"title": "Q3 minutes", "pageCount": 12, "responsive": true, "custodians": ["Alvarez", "Chen"],
                     "extra": {"nested": null}},
          "fileIds": ["file-1"], "tags": ["hot"], "assignedTo": "u-7", "metadata": {"source": "scan"},
          "createdDate": "2024-01-30T10:00:00Z", "modifiedDate": "2024-01-30 12:00:00",
          "createdBy": "u-1", "modifiedBy": "u-2",
          "brandNewField": {"added": "by a newer server"}, "score": 0.97
        }
        """

    @Test func recordWithUnknownFieldsAndEnumValues() throws {
        let record = try decodeModel(Record.self, Self.recordJSON)
        #expect(record.id == "r-1")
        #expect(record.documentId == "ABC-000123")
        #expect(record.status?.rawValue == "quarantined")
        #expect(record.status?.isKnown == false)
        #expect(record.status != .active)
        #expect(record.priority == Priority(rawValue: "urgent"))
        #expect(record.priority?.isKnown == false)
        #expect(record.reviewStatus?.rawValue == "escalated")
        #expect(record.fields["pageCount"]?.intValue == 12)
        #expect(record.fields["custodians"] == ["Alvarez", "Chen"])
        #expect(record.fields["extra"]?["nested"] == .null)
        #expect(record.metadata?["source"] == "scan")
        #expect(record.createdDate == Self.reference)
        #expect(record.modifiedDate == Self.reference.addingTimeInterval(7200), "the DATETIME form is UTC")
    }

    @Test func knownEnumValuesAreRecognised() throws {
        let record = try decodeModel(Record.self, #"{"id": "r", "status": "active", "priority": "high", "reviewStatus": "in_review"}"#)
        #expect(record.status == .active)
        #expect(record.status?.isKnown == true)
        #expect(record.priority == .high)
        #expect(record.reviewStatus == .inReview)
    }

    @Test func minimalRecord() throws {
        let record = try decodeModel(Record.self, #"{"id": "r-2"}"#)
        #expect(record.fields.isEmpty)
        #expect(record.status == nil)
        #expect(record.createdDate == nil)
    }

    @Test func recordNeedsAStringId() {
        #expect(throws: DecodingError.self) { _ = try decodeModel(Record.self, #"{"documentId": "x"}"#) }
        #expect(throws: DecodingError.self) { _ = try decodeModel(Record.self, #"{"id": 7}"#) }
    }

    @Test func anUnreadableDateIsADecodingErrorNamingTheValue() throws {
        let error = try #require(throws: DecodingError.self) {
            _ = try decodeModel(Record.self, #"{"id": "r", "createdDate": "30/01/2024"}"#)
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["createdDate"])
        #expect(context.debugDescription.contains("30/01/2024"))
    }

    @Test(arguments: ["2024-01-30T10:00:00Z", "2024-01-30T12:00:00+02:00", "2024-01-30T04:30:00-05:30", "2024-01-30 10:00:00",
                      "2024-01-30T10:00:00.000Z"])
    func bothDateFormsDecodeToTheSameInstant(text: String) throws {
        let project = try decodeModel(Project.self, #"{"id": "p", "name": "n", "createdDate": "\#(text)"}"#)
        #expect(project.createdDate == Self.reference)
    }

    @Test func recordEncodesAndDecodesBack() throws {
        let record = try decodeModel(Record.self, Self.recordJSON)
        let data = try JSONCoding.encoder.encode(record)
        let json = text(data)
        #expect(json.contains(#""createdDate":"2024-01-30T10:00:00Z""#))
        #expect(json.contains(#""status":"quarantined""#), "an unknown value is sent back as it came")
        #expect(try JSONCoding.decoder.decode(Record.self, from: data) == record)
    }

    @Test func project() throws {
        let project = try decodeModel(Project.self, """
            {"id": "p-1", "name": "Matter 1", "description": null, "clientId": "c-1", "dataServerId": "ds-1", "status": "on_hold",
             "settings": {"ocr": true, "languages": ["en", "de"]}, "createdDate": "2024-01-30T10:00:00Z",
             "modifiedDate": "2024-01-30 10:00:00", "owner": {"id": "u"}, "recordCount": 10}
            """)
        #expect(project.name == "Matter 1")
        #expect(project.description == nil)
        #expect(project.status?.rawValue == "on_hold")
        #expect(project.status?.isKnown == false)
        #expect(project.settings?["languages"] == ["en", "de"])
        #expect(project.createdDate == project.modifiedDate)
    }

    @Test func uploadSession() throws {
        let session = try decodeModel(UploadSession.self, """
            {"id": "s-1", "fileName": "big.bin", "fileSize": 20000000, "chunkSize": 8388608, "totalChunks": 3,
             "uploadedChunks": [0, 2], "status": "paused", "expiresAt": "2024-01-31T12:00:00+02:00",
             "createdDate": "2024-01-30 10:00:00", "region": "eu"}
            """)
        #expect(session.fileSize == 20_000_000)
        #expect(session.totalChunks == 3)
        #expect(session.uploadedChunks == [0, 2])
        #expect(session.status?.rawValue == "paused")
        #expect(session.status?.isKnown == false)
        #expect(session.expiresAt == Self.reference.addingTimeInterval(86_400))
        #expect(session.createdDate == Self.reference)
    }

    @Test func uploadSessionDerivesMissingCounts() throws {
        let session = try decodeModel(UploadSession.self, #"{"id": "s", "fileSize": 16777217, "chunkSize": 8388608, "status": "active"}"#)
        #expect(session.totalChunks == 3)
        #expect(session.uploadedChunks.isEmpty)
        #expect(session.status == .active)
        let empty = try decodeModel(UploadSession.self, #"{"id": "s", "fileSize": 0, "chunkSize": 8388608}"#)
        #expect(empty.totalChunks == 0)
    }

    @Test func uploadSessionWithAZeroChunkSizeNeverReportsNegativeChunks() throws {
        let session = try decodeModel(UploadSession.self, #"{"id": "s", "fileSize": 0, "chunkSize": 0}"#)
        #expect(session.totalChunks == 0, "no bytes, no chunks; and no division by a zero chunk size")
    }

    @Test func uploadSessionWithMultiGigabyteSize() throws {
        let session = try decodeModel(UploadSession.self, #"{"id": "s", "fileSize": 53687091200, "chunkSize": 67108864}"#)
        #expect(session.fileSize == 50 * 1024 * 1024 * 1024)
        #expect(session.totalChunks == 800)
    }

    @Test func bulkOperation() throws {
        let operation = try decodeModel(BulkOperation.self, """
            {"operationId": "op-1", "totalRecords": 3, "processedRecords": 3, "successfulRecords": 1, "failedRecords": 2,
             "errors": [{"recordId": "r-2", "error": "locked"}, {"recordId": "r-3", "error": {"code": "NOT_FOUND", "message": "gone"}},
                        {"recordId": "r-4", "error": {"code": "X"}}, {"recordId": "r-5"}],
             "status": "cancelling", "startedAt": "2024-01-30T10:00:00Z"}
            """)
        #expect(operation.id == "op-1")
        #expect(operation.successfulRecords == 1)
        #expect(operation.errors.map(\.recordId) == ["r-2", "r-3", "r-4", "r-5"])
        #expect(operation.errors.map(\.error) == ["locked", "gone", #"{"code":"X"}"#, "unknown error"])
        #expect(operation.status.rawValue == "cancelling")
        #expect(!operation.status.isKnown)
        #expect(!operation.status.isFinal)
    }

    @Test func bulkOperationDefaults() throws {
        let operation = try decodeModel(BulkOperation.self, #"{"operationId": "op-2"}"#)
        #expect(operation.status == .pending)
        #expect(operation.totalRecords == 0)
        #expect(operation.errors.isEmpty)
        #expect(BulkOperationStatus.completed.isFinal)
        #expect(BulkOperationStatus.failed.isFinal)
        #expect(!BulkOperationStatus.inProgress.isFinal)
        #expect(try decodeModel(BulkOperation.self, #"{"operationId": "o", "status": "in_progress"}"#).status == .inProgress)
    }

    @Test func pageOfRecords() throws {
        let page = try decodeModel(Page<Record>.self, """
            {"data": [\(Self.recordJSON), {"id": "r-2", "status": "active", "createdDate": "2024-01-30 10:00:00"}],
             "total": 41, "page": 2, "pageSize": 2, "hasMore": true, "links": {"next": "/records/search?page=3"}, "took": 12}
            """)
        #expect(page.data.map(\.id) == ["r-1", "r-2"])
        #expect(page.data[0].status?.isKnown == false)
        #expect(page.data[1].createdDate == Self.reference)
        #expect(page.total == 41)
        #expect(page.page == 2)
        #expect(page.pageSize == 2)
        #expect(page.hasMore)
    }

    @Test func pageWithoutCountsDerivesThem() throws {
        let last = try decodeModel(Page<Record>.self, #"{"data": [{"id": "a"}], "total": 5, "page": 3, "pageSize": 2}"#)
        #expect(!last.hasMore, "page 3 of 2-item pages covers items 5 and 6: nothing follows")
        let middle = try decodeModel(Page<Record>.self, #"{"data": [{"id": "a"}, {"id": "b"}], "total": 5, "page": 2, "pageSize": 2}"#)
        #expect(middle.hasMore)
        let bare = try decodeModel(Page<Record>.self, #"{"data": [{"id": "a"}, {"id": "b"}]}"#)
        #expect(bare.total == 2)
        #expect(bare.page == 1)
        #expect(bare.pageSize == 2)
        #expect(!bare.hasMore)
        let empty = try decodeModel(Page<Record>.self, #"{"data": []}"#)
        #expect(empty.total == 0 && !empty.hasMore)
    }

    @Test func pageNeedsData() {
        #expect(throws: DecodingError.self) { _ = try decodeModel(Page<Record>.self, #"{"total": 0}"#) }
    }

    @Test func flexibleListTakesBareArraysAndEnvelopes() throws {
        #expect(try decodeModel(FlexibleList<Record>.self, #"[{"id": "a"}, {"id": "b"}]"#).items.map(\.id) == ["a", "b"])
        #expect(try decodeModel(FlexibleList<Record>.self, #"{"data": [{"id": "c"}], "total": 1}"#).items.map(\.id) == ["c"])
    }

    @Test func otherModelsKeepUnknownEnums() throws {
        let file = try decodeModel(Iconect.File.self, """
            {"id": "f", "name": "a.pdf", "size": 5368709120, "status": "virus_scan", "createdDate": "2024-01-30T10:00:00Z", "x": 1}
            """)
        #expect(file.status?.rawValue == "virus_scan")
        #expect(file.status?.isKnown == false)
        #expect(file.size == 5_368_709_120)
        let store = try decodeModel(FileStore.self, #"{"id": "s", "name": "n", "type": "wasabi", "status": "maintenance"}"#)
        #expect(store.type?.isKnown == false)
        #expect(store.status == .maintenance)
    }

    @Test func extensibleEnumsRoundTripAndReadLikeEnums() throws {
        let statuses = try JSONDecoder().decode([RecordStatus].self, from: Data(#"["active", "quarantined"]"#.utf8))
        #expect(statuses == [.active, "quarantined"])
        #expect(text(try JSONEncoder().encode(statuses)) == #"["active","quarantined"]"#)
        #expect(RecordStatus.knownValues.allSatisfy { $0.isKnown })
        #expect(RecordStatus.knownValues.map(\.rawValue) == ["active", "deleted", "archived", "processing"])
        #expect(ReviewStatus.knownValues.map(\.rawValue) == ["pending", "in_review", "approved", "rejected"])
        #expect(SortOrder.ascending.rawValue == "asc" && SortOrder.descending.rawValue == "desc")
        #expect("\(RecordStatus(rawValue: "quarantined"))" == "quarantined")
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode([RecordStatus].self, from: Data("[1]".utf8)) }
    }
}
