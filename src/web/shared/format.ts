// Dates and times as shown to users (Asia/Shanghai is the browser's zone for the intended users; the server sends ISO).
import dayjs from 'dayjs';

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export const formatDateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
export const weekday = (date: string) => WEEKDAYS[dayjs(date).day()]!;
/** "2027年3月8日 星期一" */
export const formatLongDate = (date: string) => `${dayjs(date).format('YYYY年M月D日')} ${weekday(date)}`;
export const today = () => dayjs().format('YYYY-MM-DD');
