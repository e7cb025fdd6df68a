import GWSStores

/// `data` of `GET …/favorites`.
struct SettingFavoritesData: Codable, Sendable {
    var favorites: [SettingItem]
}

/// `data` of `PUT …/favorites/{itemId}`.
struct SettingFavoriteData: Codable, Sendable {
    var favorite: SettingItem
}

/// `data` of `GET …/recents`.
struct SettingRecentsData: Codable, Sendable {
    var recents: [SettingItem]
}

/// `data` of `POST …/recents`.
struct SettingRecentData: Codable, Sendable {
    var recent: SettingItem
}
