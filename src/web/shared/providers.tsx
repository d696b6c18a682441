// What both web apps wrap themselves in: antd in Simplified Chinese with the Sanxiang theme, dayjs in zh-cn.
import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

export const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Government-style: one sober blue, modest radii, clear contrast. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#174a8b',
    colorInfo: '#174a8b',
    colorLink: '#174a8b',
    borderRadius: 4,
    fontFamily: FONT_FAMILY,
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f2f57', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { darkItemBg: '#0f2f57', darkSubMenuItemBg: '#0b2646', darkItemSelectedBg: '#1f5fa8' },
  },
};

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
