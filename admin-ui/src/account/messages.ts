/** The account menu's and sign-in's messages, merged under `pace.account` by i18n/en.ts and i18n/zh.ts. */
export const en = {
  change_password: 'Change password',
  current_password: 'Current password',
  new_password: 'New password',
  new_password_help: 'At least 10 characters',
  confirm_password: 'New password again',
  submit: 'Change password',
  changed: 'Your password has been changed',
  wrong_current: 'The current password is wrong',
  mismatch: 'The two new passwords differ',
  unchanged: 'The new password is the current one',
  weak_password: 'Too easy to guess (a common password, or your email): choose another',
  too_many_sign_ins: 'Too many failed sign-ins: wait a moment, then try again',
  sign_out_everywhere: 'Sign out everywhere',
  sign_out_everywhere_failed: 'Could not sign out everywhere; you are still signed in: %{message}',
};

export const zh: typeof en = {
  change_password: '修改密码',
  current_password: '当前密码',
  new_password: '新密码',
  new_password_help: '至少 10 个字符',
  confirm_password: '再次输入新密码',
  submit: '修改密码',
  changed: '密码已修改',
  wrong_current: '当前密码不正确',
  mismatch: '两次输入的新密码不一致',
  unchanged: '新密码与当前密码相同',
  weak_password: '密码太容易被猜到（常见密码或你的邮箱），请换一个',
  too_many_sign_ins: '登录失败次数过多，请稍候再试',
  sign_out_everywhere: '退出所有设备',
  sign_out_everywhere_failed: '未能退出所有设备，你仍处于登录状态：%{message}',
};
