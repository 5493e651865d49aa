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
            try await aggregationOptimization(context)
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

    /// Aggregation Optimization: a view that groups and aggregates on the server (the guide sums invoice amounts and
    /// counts invoices per customer and month; here pages and documents per custodian and month), read through its data;
    /// the naive way fetches every record (with just the three fields it needs) and aggregates on the client.
    static func aggregationOptimization(_ context: ExampleContext) async throws {
        context.report.section("Aggregation Optimization")
        let client = context.client
        let view = try await client.views.create(NewView(
            name: "pages-by-custodian-month-\(UUID().uuidString.prefix(8))", displayName: "Pages by custodian and month",
            type: .list, projectId: context.projectId,
            baseQuery: ViewQuery(grouping: ["custodian", Grouping("docDate", interval: .month)],
                                 aggregations: [.sum("pageCount", as: "pages"), .count(as: "documents")])))
        do {
            client.resetStatistics()
            let (rows, serverTime) = try await timed {
                try await client.views.paginateData(id: view.id, pageSize: 1_000).collect()
            }
            let serverBytes = client.statistics()["iconect_get_view_data"]?.bytesReceived ?? 0
            var server: [GroupKey: Totals] = [:]
            for row in rows {
                server[GroupKey(custodian: row["custodian"] ?? .null, month: row["docDate"] ?? .null)] =
                    Totals(pages: row["pages"]?.doubleValue ?? 0, documents: row["documents"]?.intValue ?? 0)
            }

            client.resetStatistics()
            let ((naive, recordCount), naiveTime) = try await timed {
                var groups: [GroupKey: Totals] = [:]
                var count = 0
                let everything = RecordQuery(projectId: context.projectId).fields(["custodian", "docDate", "pageCount"])
                for try await record in client.records.paginate(everything.page(1, size: RecordQuery.maxPageSize)).items {
                    let month = record.fields["docDate"]?.stringValue.map { JSONValue.string(String($0.prefix(7))) } ?? .null
                    let key = GroupKey(custodian: record.fields["custodian"] ?? .null, month: month)
                    groups[key, default: Totals()].pages += record.fields["pageCount"]?.doubleValue ?? 0
                    groups[key, default: Totals()].documents += 1
                    count += 1
                }
                return (groups, count)
            }
            let naiveBytes = client.statistics()["iconect_search_records"]?.bytesReceived ?? 0
            context.report.figure("pages and documents per custodian and month",
                                  "\(rows.count) groups, \(Format.bytes(serverBytes)) in \(Format.duration(serverTime))",
                                  naive: "\(recordCount) records aggregated here: \(Format.bytes(naiveBytes)) in \(Format.duration(naiveTime))")
            context.report.check(!rows.isEmpty && recordCount > 0, "the view has groups and the project has records")
            context.report.check(server == naive, "the server's groups, page sums and counts are exactly the client's")
            let ratio = String(format: "%.0f", Double(naiveBytes) / Double(max(serverBytes, 1)))
            context.report.check(serverBytes * 4 < naiveBytes, "aggregating on the server moved far fewer bytes (\(ratio) times fewer)")
        } catch {
            try? await client.views.delete(id: view.id)
            throw error
        }
        try await client.views.delete(id: view.id)
    }

    /// A group of the aggregation: a custodian and a month (`2024-03`), either of them null when the records lack it.
    struct GroupKey: Hashable {
        var custodian: JSONValue
        var month: JSONValue
    }

    /// What is aggregated per group.
    struct Totals: Equatable {
        var pages = 0.0
        var documents = 0
    }
}
