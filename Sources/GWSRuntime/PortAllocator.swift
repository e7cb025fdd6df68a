import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Finds free TCP ports on the loopback interface.
public enum PortAllocator {
    /// Whether `port` can be bound on `host` right now.
    public static func isFree(_ port: Int, host: String = "127.0.0.1") -> Bool {
        bind(port: port, host: host) != nil
    }

    /// `preferred` when it is free, else a port the kernel picks.
    public static func allocate(preferred: Int? = nil, host: String = "127.0.0.1", avoiding: Set<Int> = []) throws
        -> Int
    {
        if let preferred, preferred > 0, !avoiding.contains(preferred), isFree(preferred, host: host) {
            return preferred
        }
        for _ in 0..<32 {
            if let port = bind(port: 0, host: host), !avoiding.contains(port) { return port }
        }
        throw RuntimeError("no free TCP port on \(host)")
    }

    /// Binds a socket to `port` (0: any), returns the bound port and closes it.
    static func bind(port: Int, host: String) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // As NIO does for listeners: a port with connections in TIME_WAIT is free to listen on.
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr(host)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { return nil }
        var out = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &out) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        guard named == 0 else { return nil }
        return Int(UInt16(bigEndian: out.sin_port))
    }
}

/// An error of the runtime, with a message for people.
public struct RuntimeError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
