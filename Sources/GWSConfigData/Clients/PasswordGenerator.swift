/// Generated passwords (the demo tenant's).
public enum PasswordGenerator {
    /// A password of `length` characters from letters and digits (no look-alikes).
    public static func generate(length: Int = 16) -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
