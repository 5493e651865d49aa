import Foundation

/// A share link of a view or a dashboard: a token (and URL) that opens it until ``expiresAt``.
public struct Share: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    /// `view` or `dashboard`.
    public var resourceType: String?
    public var resourceId: String?
    /// The secret part of the link.
    public var token: String
    public var url: String?
    /// Views: whether anyone with the link may open it.
    public var isPublic: Bool?
    /// Views: whether opening it needs no sign-in.
    public var allowAnonymous: Bool?
    /// Dashboards: `public`, `private` or `token`.
    public var shareType: ShareType?
    /// Dashboards: what the link allows (`view`, `interact`).
    public var permissions: [String]?
    public var expiresAt: Date?
    public var createdDate: Date?
    public var createdBy: String?
}

/// How a dashboard is shared.
public struct ShareType: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let `public` = ShareType(rawValue: "public")
    public static let `private` = ShareType(rawValue: "private")
    public static let token = ShareType(rawValue: "token")
    public static let knownValues: [ShareType] = [.public, .private, .token]
}
