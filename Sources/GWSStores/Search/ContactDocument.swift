/// A customer contact, as the contact search finds it; stored under its `id`.
public struct ContactDocument: Sendable, Hashable, Codable {
    /// The contact's id: the document's key.
    public var id: String
    /// The given name.
    public var firstName: String
    /// The family name.
    public var lastName: String
    /// Phone numbers as entered (searched as text, not normalised).
    public var phoneNumbers: [String]
    /// E-mail addresses.
    public var emailAddresses: [String]

    public init(id: String, firstName: String, lastName: String, phoneNumbers: [String] = [], emailAddresses: [String] = []) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.phoneNumbers = phoneNumbers
        self.emailAddresses = emailAddresses
    }

    /// The fields a text search looks in.
    var searchableValues: [String] {
        [firstName, lastName] + phoneNumbers + emailAddresses
    }
}
