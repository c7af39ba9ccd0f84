/** Init and config JSON (TIMManager.h 7.1-7.6): TIMInit's SdkConfig and TIMSetConfig's SetConfig. */
import type { TIMLogLevel } from '../enums';
import type { Uint64 } from '../json';

/** 7.1 SdkConfig. Paths are UTF-8; the SDK keeps its database under the config path. */
export interface TimSdkConfig {
  readonly sdk_config_config_file_path?: string;
  readonly sdk_config_log_file_path?: string;
  /** int64. */
  readonly sdk_config_main_thread_id?: Uint64;
}

/** 7.2 UserConfig. */
export interface TimUserConfig {
  readonly user_config_is_is_disable_storage?: boolean;
}

/** 7.3 HttpProxyInfo: empty ip and port 0 remove the proxy. */
export interface TimHttpProxyInfo {
  readonly http_proxy_info_ip: string;
  readonly http_proxy_info_port: number;
  readonly http_proxy_info_username?: string;
  readonly http_proxy_info_password?: string;
}

/** 7.4 Socks5ProxyInfo: set before TIMInit. */
export interface TimSocks5ProxyInfo {
  readonly socks5_proxy_info_ip: string;
  readonly socks5_proxy_info_port: number;
  readonly socks5_proxy_info_username?: string;
  readonly socks5_proxy_info_password?: string;
}

/** 7.5 PACProxyInfo. */
export interface TimPACProxyInfo {
  readonly pac_proxy_info_username?: string;
  readonly pac_proxy_info_password?: string;
}

/** 7.6 SetConfig. `set_config_is_log_output_console` works only before TIMInit. */
export interface TimSetConfig {
  readonly set_config_log_level?: TIMLogLevel;
  readonly set_config_callback_log_level?: TIMLogLevel;
  readonly set_config_is_log_output_console?: boolean;
  readonly set_config_user_config?: TimUserConfig;
  /** At most 64 bytes. */
  readonly set_config_user_define_data?: string;
  readonly set_config_http_proxy_info?: TimHttpProxyInfo;
  readonly set_config_socks5_proxy_info?: TimSocks5ProxyInfo;
  readonly set_config_pac_proxy_info?: TimPACProxyInfo;
  readonly set_config_is_only_local_dns_source?: boolean;
}
