window.flexPower = {
    submitLogout: () => document.getElementById('logout-form').submit(),
};
