/** WeCom's own addresses: the intelligent bot's long connection and the group-robot webhook. */
export const WECOM_WS_URL = "wss://openws.work.weixin.qq.com";
export const WECOM_API_URL = "https://qyapi.weixin.qq.com";
export const WECOM_WEBHOOK_URL = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send";
