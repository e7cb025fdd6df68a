extension AgentNotification {
    /// The tenant and user of a published notification, read from the end of
    /// its JSON text without decoding it: ``jsonString()`` sorts keys, so the
    /// text ends with `,"tenant":"…","userName":"…"}`. A Workspace instance
    /// uses it to skip, undecoded, the notifications of agents that have no
    /// CometD client on it. Nil when the text does not end that way or a value
    /// holds an escape: decode it then.
    public static func recipient(ofJSON text: String) -> (tenant: String, userName: String)? {
        let utf8 = text.utf8
        let userKey = Array(#","userName":""#.utf8)
        let tenantKey = Array(#","tenant":""#.utf8)
        guard utf8.count > userKey.count + tenantKey.count + 2, utf8.last == UInt8(ascii: "}") else { return nil }
        let bytes = Array(utf8)
        let end = bytes.count - 2  // the quote closing the user name
        guard bytes[end] == UInt8(ascii: "\"") else { return nil }
        guard let userStart = lastRange(of: userKey, in: bytes, before: end) else { return nil }
        let userName = bytes[(userStart + userKey.count)..<end]
        guard let tenantStart = lastRange(of: tenantKey, in: bytes, before: userStart) else { return nil }
        let tenantEnd = userStart - 1  // the quote closing the tenant
        guard tenantEnd >= tenantStart + tenantKey.count, bytes[tenantEnd] == UInt8(ascii: "\"") else { return nil }
        let tenant = bytes[(tenantStart + tenantKey.count)..<tenantEnd]
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        guard !userName.isEmpty, !tenant.isEmpty, !userName.contains(quote), !userName.contains(backslash),
            !tenant.contains(quote), !tenant.contains(backslash)
        else { return nil }
        return (String(decoding: tenant, as: UTF8.self), String(decoding: userName, as: UTF8.self))
    }

    /// Where the last `needle` that ends at or before `limit` starts.
    private static func lastRange(of needle: [UInt8], in bytes: [UInt8], before limit: Int) -> Int? {
        var start = limit - needle.count
        while start >= 0 {
            if bytes[start] == needle[0], Array(bytes[start..<(start + needle.count)]) == needle { return start }
            start -= 1
        }
        return nil
    }
}
