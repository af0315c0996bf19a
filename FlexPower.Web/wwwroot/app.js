window.flexPower = {
    submitLogout: () => document.getElementById('logout-form').submit(),
    // Read by the server on every request, so prerendering and the static account pages use the same theme.
    prefersDark: () => matchMedia('(prefers-color-scheme: dark)').matches,
    rememberTheme: dark => { document.cookie = `FlexPowerTheme=${dark ? 'dark' : 'light'}; path=/; max-age=31536000; samesite=lax`; },
};

// While the circuit is down the page shows stale figures: grey them out and make every control inert until it is back.
(() => {
    const banner = document.getElementById('components-reconnect-modal');
    if (!banner) return;
    const setOffline = offline => {
        document.body.classList.toggle('fp-offline', offline);
        document.querySelectorAll('.mud-layout').forEach(layout => { layout.inert = offline; });
    };
    banner.addEventListener('components-reconnect-state-changed', event => {
        const state = event.detail.state;
        if (state === 'hide') setOffline(false);
        else if (state === 'rejected') location.reload();
        else setOffline(true);
    });
    document.getElementById('components-reconnect-button')?.addEventListener('click', async () => {
        if (!(await Blazor.reconnect()) && !(await Blazor.resumeCircuit())) location.reload();
    });
    document.getElementById('fp-reload-button')?.addEventListener('click', () => location.reload());
    document.getElementById('components-resume-button')?.addEventListener('click', async () => {
        try {
            if (!(await Blazor.resumeCircuit())) location.reload();
        } catch {
            banner.classList.replace('components-reconnect-paused', 'components-reconnect-resume-failed');
        }
    });
})();

// A table wider than its box gets .fp-overflowing, which app.css turns into a "scroll sideways" hint above it.
(() => {
    const boxes = '.mud-table-container, .fp-table-scroll';
    let queued = false;
    const mark = () => {
        queued = false;
        document.querySelectorAll(boxes).forEach(box => {
            const over = box.scrollWidth > box.clientWidth + 4; // a collapsed table border's few pixels hide nothing
            if (box.classList.contains('fp-overflowing') !== over) box.classList.toggle('fp-overflowing', over);
        });
    };
    const queue = () => { if (!queued) { queued = true; requestAnimationFrame(mark); } };
    new MutationObserver(queue).observe(document.body, { childList: true, subtree: true, characterData: true });
    addEventListener('resize', queue);
    queue();
})();

// Plotly.Blazor queues every chart drawn before plotly.js has loaded and draws the queue in one loop when it arrives. A
// chart of a page left meanwhile is gone, plotly throws "No DOM element with id …", the loop stops, and the next page's
// charts never drew. Capturing the script's load event runs before Plotly.Blazor's own handler: the calls FlexPower's
// charts make (PlotlyFigure: its first draw, React on a change, purge on disposal) skip an element that has gone.
document.addEventListener('load', event => {
    if (event.target.id !== 'plotly-import' || !window.Plotly) return;
    for (const name of ['newPlot', 'react', 'purge']) {
        const draw = window.Plotly[name];
        window.Plotly[name] = (target, ...rest) =>
            typeof target === 'string' && !document.getElementById(target) ? Promise.resolve() : draw(target, ...rest);
    }
}, true);
