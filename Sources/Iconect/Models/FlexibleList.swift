/// A list that a server may send bare (`[...]`) or in the list envelope (`{"data": [...]}`).
struct FlexibleList<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]

    init(from decoder: any Decoder) throws {
        if let items = try? decoder.singleValueContainer().decode([Item].self) {
            self.items = items
        } else {
            items = try Page<Item>(from: decoder).data
        }
    }
}
