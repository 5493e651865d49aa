// The performance guide's chapter "Query Optimization", run: one function per section.
//
//   swift run query-optimization [--small]
import ExampleSupport
import Foundation
import Iconect

@main
struct QueryOptimization {
    static func main() async {
        await Example.run("Query Optimization") { context in
            try await efficientFiltering(context)
            context.report.section("Aggregation Optimization")
            context.report.note("not run yet: it needs views (client.views, grouping and aggregations), which this SDK does not have yet")
        }
    }

    /// Efficient Filtering: let the server filter, with operator conditions on indexed fields, and return only the fields
    /// you need; the naive way fetches every record and filters on the client.
    static func efficientFiltering(_ context: ExampleContext) async throws {
        context.report.section("Efficient Filtering")
        let client = context.client
        let query = RecordQuery(projectId: context.projectId)
            .status([.active])                                  // status: 'active'
            .filter("docDate", .gte("2024-01-01"))              // { $gte: '2024-01-01' }
            .fields(["title", "custodian", "docDate"])          // fields: [...]
        client.resetStatistics()
        let (matches, serverTime) = try await timed {
            try await client.records.paginate(query).collect()
        }
        let serverBytes = client.statistics()["iconect_search_records"]?.bytesReceived ?? 0

        client.resetStatistics()
        let (naive, naiveTime) = try await timed {
            var kept: [String] = []
            for try await record in client.records.paginate(RecordQuery(projectId: context.projectId)).items
            where record.status == .active && (record.fields["docDate"]?.stringValue ?? "") >= "2024-01-01" {
                kept.append(record.id)
            }
            return kept
        }
        let naiveBytes = client.statistics()["iconect_search_records"]?.bytesReceived ?? 0
        context.report.figure("active, docDate ≥ 2024-01-01, 3 fields", "\(matches.count) records, \(Format.bytes(serverBytes)) "
                              + "in \(Format.duration(serverTime))",
                              naive: "all records, filtered here: \(Format.bytes(naiveBytes)) in \(Format.duration(naiveTime))")
        context.report.check(!matches.isEmpty, "the filter matched records")
        context.report.check(Set(matches.map(\.id)) == Set(naive), "the server's filter found exactly the records the client-side filter found")
        context.report.check(serverBytes < naiveBytes, "filtering on the server moved fewer bytes")
        context.report.check(matches.allSatisfy { $0.fields.keys.allSatisfy(["title", "custodian", "docDate"].contains) },
                             "only the selected fields came back")
    }
}
