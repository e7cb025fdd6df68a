import GWSServiceKit

/// Every role implemented in this module (all catalog roles but the proxy).
public enum GWSServiceRoles {
    public static var all: [any GWSRoleService.Type] {
        [
            AuthService.self,
            TenantService.self,
            ConfigurationService.self,
            SettingService.self,
            StatisticsService.self,
            DataCollectorService.self,
            VoiceService.self,
            IxnService.self,
            OcsService.self,
            ChatService.self,
            UcsService.self,
            ProvisioningService.self,
            WorkspaceService.self,
            AgentSetupService.self,
            CrmWorkspaceService.self,
        ]
    }
}
